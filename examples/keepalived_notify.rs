//! The whole SMTP transaction of a Keepalived-style notification, as the crate builds it for
//! the configuration `notification_email_from "服务显示名称 <keepalived@server.example.com>"`
//! and two recipients: the naive client wrote `MAIL FROM:<服务显示名称 <keepalived@…>>`; this
//! one writes the envelope path alone and the display name, RFC 2047-encoded, in `From:`.
//!
//! Run with `cargo run --example keepalived_notify`.

use mail_envelope::message::{Notification, Timestamp};
use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::Strictness;

fn main() -> Result<(), mail_envelope::Error> {
    // What Postfix answers to EHLO by default (PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ...).
    let ehlo = "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ENHANCEDSTATUSCODES\r\n\
                250-8BITMIME\r\n250-DSN\r\n250 SMTPUTF8\r\n";
    let caps = Capabilities::parse(ehlo, Strictness::Standard)?;
    let note = Notification {
        from: "服务显示名称 <keepalived@server.example.com>",
        to: &["ops@example.com", "值班 <oncall@example.net>"],
        subject: "[LVS_DEVEL] VRRP_Instance(VI_1) Entering MASTER state",
        body: "=> VRRP Instance is now owning VRRP VIPs <=\n",
        date: Timestamp {
            seconds: 1_700_000_000,
            offset_minutes: 8 * 60,
        },
        message_id_part: "1700000000.4242",
        ehlo_name: "server.example.com",
    };
    let transaction = note.transaction(Some(&caps))?;
    for (i, batch) in transaction.batches.iter().enumerate() {
        println!("# batch {i}");
        for command in batch {
            println!("C: {command}");
        }
    }
    println!("# data (after 354)");
    for line in transaction.data.split_inclusive("\r\n") {
        println!("C: {}", line.trim_end_matches("\r\n"));
    }
    Ok(())
}

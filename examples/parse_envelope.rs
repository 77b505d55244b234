//! Builds the envelope of one SMTP transaction from header-form addresses and prints the
//! `MAIL FROM` / `RCPT TO` lines a client would send.
//!
//! ```sh
//! cargo run --example parse_envelope
//! ```

use mail_envelope::{AddressList, Envelope, Mailbox};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let from = Mailbox::parse("Ops Team <ops@example.com>")?;
    let to = AddressList::parse("Jane <jane@example.com>, Team: bob@example.org, \"Ann\" <ann@bücher.example>;")?;

    let mut forward_paths = Vec::new();
    for mailbox in to.mailboxes() {
        forward_paths.push(mailbox.to_forward_path()?);
    }
    let envelope = Envelope::new(from.to_reverse_path()?, forward_paths)?;

    let smtputf8 = if envelope.needs_smtputf8() { " SMTPUTF8" } else { "" };
    println!("MAIL FROM:{}{smtputf8}", envelope.reverse_path());
    for path in envelope.forward_paths() {
        println!("RCPT TO:{path}");
    }

    // A path that is no path: the error says what was expected and where.
    if let Err(e) = mail_envelope::ReversePath::parse("<Name <keepalived@host>>") {
        println!("rejected: {e}");
    }
    Ok(())
}

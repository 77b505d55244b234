//! The `mail-envelope proxy` command line, run as a real process: its JSON object for each
//! outcome, its table, `--hex`, and its exit status.

use std::fmt::Write as _;

use mail_envelope::smtp::proxy::{
    crc32c, Command as ProxyCommand, Endpoints, ProxyHeader, Tlv, V2Addresses, V2Builder,
};
use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{run_in, Run};

/// Runs `mail-envelope` with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(None, args, stdin)
}

/// Runs `proxy --json` (with `extra` flags) and returns the exit status and the one object.
fn proxy_json(extra: &[&str], stdin: &[u8]) -> (i32, Value) {
    let out = run(&[&["proxy", "--json"], extra].concat(), stdin);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?} (stderr {:?})", out.stdout, out.stderr);
    let value = serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{:?} is not JSON: {e}", lines[0]));
    (out.status, value)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut text, b| {
        write!(text, "{b:02x}").expect("writing to a String");
        text
    })
}

#[test]
fn v1_header_json_has_the_contract_fields() {
    let (status, value) = proxy_json(
        &[],
        b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25\r\nEHLO client.example\r\n",
    );
    assert_eq!(status, 0);
    assert_eq!(
        value,
        json!({"ok":true,"version":1,"command":"proxy","family":"tcp4","source":"192.0.2.1","source_port":56324,
               "destination":"198.51.100.1","destination_port":25,"tlvs":[],"header_len":44})
    );
}

#[test]
fn v1_ipv6_is_shown_in_rfc5952_text() {
    let (status, value) = proxy_json(&[], b"PROXY TCP6 2001:DB8:0:0:0:0:0:1 ::FFFF:192.0.2.1 1 2\r\n");
    assert_eq!(status, 0);
    assert_eq!(value["family"], "tcp6");
    assert_eq!(value["source"], "2001:db8::1");
    assert_eq!(value["destination"], "::ffff:c000:201");
}

#[test]
fn unknown_has_null_addresses() {
    let (status, value) = proxy_json(&[], b"PROXY UNKNOWN whatever\r\n");
    assert_eq!(status, 0);
    assert_eq!(value["family"], "unknown");
    assert_eq!(value["command"], "proxy");
    for field in ["source", "source_port", "destination", "destination_port"] {
        assert_eq!(value[field], Value::Null, "{field}");
    }
    assert_eq!(value["header_len"], 24);
}

#[test]
fn v2_header_with_tlvs_and_checksum() {
    let addresses = V2Addresses::Tcp4(Endpoints::new(
        [192, 0, 2, 1].into(),
        56324,
        [198, 51, 100, 1].into(),
        25,
    ));
    let header = V2Builder::new(ProxyCommand::Proxy, addresses)
        .tlv(Tlv::Authority("mx.example".into()))
        .unwrap()
        .crc32c()
        .unwrap()
        .build();
    let bytes = ProxyHeader::from(header).to_bytes();
    let (status, value) = proxy_json(&[], &bytes);
    assert_eq!(status, 0);
    assert_eq!(value["version"], 2);
    assert_eq!(value["header_len"], bytes.len());
    assert_eq!(
        value["tlvs"][0],
        json!({"type":2,"name":"authority","value_hex":"6d782e6578616d706c65","text":"mx.example"})
    );
    // The checksum the binary shows is the one over the header with the field zeroed.
    let mut zeroed = bytes.clone();
    let at = zeroed.len() - 4;
    zeroed[at..].fill(0);
    assert_eq!(value["tlvs"][1]["type"], 3);
    assert_eq!(value["tlvs"][1]["value_hex"], format!("{:08x}", crc32c(&zeroed)));
}

#[test]
fn v2_local_unspec_read_as_hex() {
    let (status, value) = proxy_json(&["--hex"], b"0d0a0d0a 000d0a51\n5549540A 20000000\n");
    assert_eq!(status, 0);
    assert_eq!(
        value,
        json!({"ok":true,"version":2,"command":"local","family":"unspec","source":null,"source_port":null,
               "destination":null,"destination_port":null,"tlvs":[],"header_len":16})
    );
}

#[test]
fn v2_ssl_sub_tlvs_are_listed() {
    let mut ssl = vec![0x01, 0, 0, 0, 0, 0x21, 0x00, 0x07];
    ssl.extend_from_slice(b"TLSv1.3");
    let mut bytes = b"\r\n\r\n\0\r\nQUIT\n\x20\x00".to_vec();
    bytes.extend_from_slice(&u16::try_from(3 + ssl.len()).unwrap().to_be_bytes());
    bytes.extend([0x20, 0x00, u8::try_from(ssl.len()).unwrap()]);
    bytes.extend(&ssl);
    let (status, value) = proxy_json(&["--hex"], hex(&bytes).as_bytes());
    assert_eq!(status, 0);
    assert_eq!(value["tlvs"][0]["client"], 1);
    assert_eq!(value["tlvs"][0]["verify"], 0);
    assert_eq!(
        value["tlvs"][0]["sub"],
        json!([{"type":33,"name":"version","value_hex":"544c5376312e33","text":"TLSv1.3"}])
    );
}

#[test]
fn incomplete_input_says_how_much_is_needed() {
    let (status, value) = proxy_json(&[], b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25");
    assert_eq!(status, 1);
    assert_eq!(value, json!({"ok":false,"error":{"kind":"incomplete","needed":2}}));
    let (status, value) = proxy_json(&["--hex"], b"0d0a0d0a");
    assert_eq!(status, 1);
    assert_eq!(value, json!({"ok":false,"error":{"kind":"incomplete","needed":12}}));
    let (status, value) = proxy_json(&[], b"");
    assert_eq!((status, &value["error"]["needed"]), (1, &json!(15)));
}

#[test]
fn errors_have_kind_offset_and_message() {
    let (status, value) = proxy_json(&[], b"PROXY TCP4 192.0.2.01 198.51.100.1 56324 25\r\n");
    assert_eq!(status, 1);
    assert_eq!(value["ok"], false);
    assert_eq!(value["error"]["kind"], "proxy_v1_ipv4");
    assert_eq!(value["error"]["offset"], 20);
    assert!(value["error"]["message"].as_str().unwrap().contains("IPv4"), "{value}");

    let (status, value) = proxy_json(&[], b"EHLO client.example\r\n");
    assert_eq!(status, 1);
    assert_eq!(value["error"]["kind"], "proxy_not_a_header");
    assert_eq!(value["error"]["offset"], 0);

    let (status, value) = proxy_json(
        &["--hex"],
        b"0d0a0d0a000d0a515549540a 2113 000c c0000201 c6336401 dc04 0019",
    );
    assert_eq!(status, 1);
    assert_eq!(value["error"]["kind"], "proxy_v2_family");
    assert_eq!(value["error"]["offset"], 13);
}

#[test]
fn hex_that_is_not_hex_is_an_error() {
    let (status, value) = proxy_json(&["--hex"], b"0d 0a zz");
    assert_eq!(status, 1);
    assert_eq!(value["error"]["kind"], "invalid_hex");
    assert_eq!(value["error"]["offset"], 6);
    let (status, value) = proxy_json(&["--hex"], b"0d0");
    assert_eq!((status, &value["error"]["kind"]), (1, &json!("invalid_hex")));
}

#[test]
fn table_shows_the_fields() {
    let out = run(&["proxy"], b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25\r\n");
    assert_eq!(out.status, 0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["FIELD", "VALUE"]);
    assert!(
        lines.iter().any(|l| l.split_whitespace().eq(["source", "192.0.2.1"])),
        "{}",
        out.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().eq(["destination", "port", "25"])),
        "{}",
        out.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().eq(["header", "length", "44"])),
        "{}",
        out.stdout
    );

    let out = run(&["proxy"], b"PROXY TCP4 1");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains("incomplete: at least 20 more octets"),
        "{}",
        out.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["proxy", "--no-such-flag"], b"");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("--no-such-flag"), "{}", out.stderr);
    let out = run(&["proxy", "--help"], b"");
    assert_eq!(out.status, 0);
    assert!(out.stdout.contains("Exit status:"), "{}", out.stdout);
}

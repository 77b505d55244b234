//! Parses the addresses given on the command line (or a few built-in ones) and prints both forms.
//!
//! ```sh
//! cargo run --example parse_address -- '"Ops Team" <ops@example.com>' 'Name <broken@host'
//! ```

use mail_envelope::{Mailbox, RenderOptions};

fn main() {
    let mut inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        inputs = [
            "服务显示名称 <keepalived@server.example.com>",
            "jdoe@example.com (John Doe)",
            "Name <broken@host",
        ]
        .map(String::from)
        .to_vec();
    }
    for input in &inputs {
        println!("{input}");
        match Mailbox::parse(input) {
            Ok(mailbox) => {
                println!("  display name: {:?}", mailbox.display_name());
                println!("  addr-spec:    {}", mailbox.addr_spec());
                match mailbox.to_reverse_path() {
                    Ok(path) => println!("  envelope:     {path}"),
                    Err(e) => println!("  envelope:     none ({e})"),
                }
                match mailbox.to_header(&RenderOptions::default()) {
                    Ok(header) => println!("  header:       {header}"),
                    Err(e) => println!("  header:       none ({e})"),
                }
                let codes: Vec<&str> = mailbox.diagnoses().iter().map(mail_envelope::Diagnosis::code).collect();
                println!("  category:     {} {codes:?}", mailbox.category());
            }
            Err(e) => {
                println!("  error:        {e}");
                println!("                {}^", " ".repeat(input[..e.offset()].chars().count()));
            }
        }
    }
}

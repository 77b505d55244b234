//! The argument groups and values the subcommands share: where the inputs come from
//! ([`InputArgs`]), how the results are printed ([`OutputArgs`]) and how strictly inputs are
//! parsed ([`StrictnessArg`]).

use clap::ValueEnum;
use mail_envelope::Strictness;

/// Where the inputs come from: the INPUT arguments, else standard input; JSON strings or not.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Read every input as a JSON string (so it can hold CR, LF or NUL).
    #[arg(long)]
    pub(crate) json_input: bool,
    /// The inputs; without any, standard input is read, one input per line.
    #[arg(value_name = "INPUT")]
    pub(crate) inputs: Vec<String>,
}

/// How the results are printed: a table, or JSON lines.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Print one JSON object per input, one per line, instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
}

/// The `--strictness` values, one per [`Strictness`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StrictnessArg {
    /// RFC 5322 §3 only, and every address must be usable as an RFC 5321 path.
    Strict,
    /// The full RFC 5322 grammar, obsolete forms included.
    Standard,
    /// Also what configuration files hold (`Doe, John <j@example.com>`, paths without brackets).
    Lenient,
}

impl From<StrictnessArg> for Strictness {
    fn from(arg: StrictnessArg) -> Self {
        match arg {
            StrictnessArg::Strict => Strictness::Strict,
            StrictnessArg::Standard => Strictness::Standard,
            StrictnessArg::Lenient => Strictness::Lenient,
        }
    }
}

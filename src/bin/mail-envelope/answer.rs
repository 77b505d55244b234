//! The record the policy subcommands (`sender-login`, `identity`, `align`, `autoreply`) print
//! for each input: the input, then either the library's answer (its fields flattened into the
//! JSON object after `"ok":true`) or the error that kept the question from being answered.
//!
//! The exit status follows the contract: an input whose answer is negative (reject, not
//! verified, not aligned, no auto-reply) counts as failed, like one that could not be read.

use serde::Serialize;

use crate::output::Record;
use crate::table::{printable, Row, Tabular};

/// What a policy answer shows besides its JSON fields.
pub(crate) trait Answer: Serialize + 'static {
    /// Whether the answer is positive (accept, verified, aligned, reply).
    fn positive(&self) -> bool;

    /// The table cells after the input's, one per column.
    fn cells(&self) -> Vec<String>;

    /// The answer explained, shown under its row in the table.
    fn why(&self) -> Option<String>;
}

/// Why an input got no answer: `error.kind`, `error.offset`, `error.message`.
#[derive(Debug, Serialize)]
pub(crate) struct AnswerError {
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) offset: Option<usize>,
    pub(crate) message: String,
}

/// One input and its answer.
#[derive(Debug)]
pub(crate) struct Answered<T> {
    pub(crate) input: String,
    pub(crate) line: Option<usize>,
    pub(crate) outcome: Result<T, AnswerError>,
}

/// The cells of one table row: the input's, then the answer's.
#[derive(Debug)]
pub(crate) struct Cells(pub(crate) Vec<String>);

impl Cells {
    /// Cell `i`, or nothing.
    pub(crate) fn get(&self, i: usize) -> String {
        self.0.get(i).cloned().unwrap_or_default()
    }
}

impl<T: Answer> Tabular for Answered<T> {
    type Row<'a> = Cells;

    fn rows(&self) -> Vec<Row<Cells>> {
        let input = printable(&self.input);
        match &self.outcome {
            Err(e) => vec![Row::Spanning(input, format!("error: {}", e.message))],
            Ok(answer) => {
                let mut cells = vec![input];
                cells.extend(answer.cells());
                let mut rows = vec![Row::Cells(Cells(cells))];
                if let Some(why) = answer.why() {
                    rows.push(Row::Spanning(String::new(), format!("why: {}", printable(&why))));
                }
                rows
            }
        }
    }
}

/// The JSON object of an input.
#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a, T> {
    Answered {
        input: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        ok: bool,
        #[serde(flatten)]
        answer: &'a T,
    },
    Failed {
        input: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        ok: bool,
        error: &'a AnswerError,
    },
}

impl<T: Answer> Record for Answered<T> {
    fn ok(&self) -> bool {
        self.outcome.as_ref().is_ok_and(Answer::positive)
    }

    fn json(&self) -> impl Serialize {
        match &self.outcome {
            Ok(answer) => Json::Answered {
                input: &self.input,
                line: self.line,
                ok: true,
                answer,
            },
            Err(error) => Json::Failed {
                input: &self.input,
                line: self.line,
                ok: false,
                error,
            },
        }
    }
}

/// Defines the table columns of a policy subcommand: `INPUT` (under the given heading), then
/// one column per answer cell.
#[macro_export]
macro_rules! answer_columns {
    ($name:ident: $answer:ty, $input:literal, [$($heading:literal => $index:literal),* $(,)?]) => {
        const $name: &[$crate::table::Column<$crate::answer::Answered<$answer>>] = &[
            $crate::table::Column::new($input, |row| row.get(0)),
            $($crate::table::Column::new($heading, |row| row.get($index)),)*
        ];
    };
}

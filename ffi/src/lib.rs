//! The C ABI of `mail-envelope`: what a C mailer (a Keepalived-style notifier) needs to turn a
//! configured address into the `MAIL FROM` / `RCPT TO` lines and the `From:` / `To:` fields.
//!
//! The header `include/mail_envelope.h` is generated from this file by cbindgen. The conventions
//! are those of rustls-ffi and ada-url:
//!
//! * Every function that can fail returns an [`me_result`]; its numbers are stable and never
//!   reused.
//! * The last error is kept per thread: every function returning an `me_result` (except the
//!   `me_last_error_*` functions themselves) clears it on success and records it on failure.
//!   [`me_last_error_message`] writes its message, [`me_last_error_offset`] gives the byte offset
//!   of the fault in the input it concerns ([`ME_NO_OFFSET`] when there is none).
//! * Inputs are `(const uint8_t *ptr, size_t len)` pairs of UTF-8 bytes, not NUL-terminated.
//! * Text outputs go into the caller's buffer `(char *out, size_t out_cap, size_t *out_len)`:
//!   `*out_len` always receives the text's length in bytes, **without** the terminating NUL; the
//!   text and a NUL are written when `out_cap > *out_len`, otherwise nothing is written and the
//!   result is [`me_result::ME_BUFFER_TOO_SMALL`]: call again with a buffer of `*out_len + 1`
//!   bytes. `out` may be NULL to ask the size alone.
//! * A parsed mailbox is an opaque [`me_mailbox`] handle, released by [`me_mailbox_free`], which
//!   accepts NULL.
//! * No panic unwinds into C: every exported function runs behind `catch_unwind`, and a panic
//!   becomes [`me_result::ME_PANIC`].

use std::cell::RefCell;
use std::ffi::{c_char, c_int};
use std::panic::{catch_unwind, AssertUnwindSafe};

use mail_envelope::message::{Notification, Timestamp};
use mail_envelope::record::MailboxFields;
use mail_envelope::smtp::capabilities::{Capabilities, DsnRequest, MessageInfo};
use mail_envelope::smtp::SmtpError;
use mail_envelope::{
    AddressList, Category, Envelope, EnvelopeError, ErrorKind, ForwardPath, Mailbox, ParseError, ParseOptions,
    RenderError, RenderOptions, ReversePath, Strictness,
};

/// The result of a call. The numbers are stable: a new code gets a new number, and no number is
/// ever given to another meaning.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum me_result {
    /// Success.
    ME_OK = 0,
    /// A pointer argument that must not be NULL was NULL.
    ME_NULL_ARGUMENT = 1,
    /// An input is not UTF-8; the offset is that of the first byte that is not.
    ME_INVALID_UTF8 = 2,
    /// The output buffer is too small (or NULL); `*out_len` holds the length needed, without
    /// the NUL.
    ME_BUFFER_TOO_SMALL = 3,
    /// The input is not an address (or address list); the offset says where.
    ME_PARSE_ERROR = 4,
    /// A valid address has no RFC 5321 path form.
    ME_ENVELOPE_ERROR = 5,
    /// A value cannot be written as a header field.
    ME_RENDER_ERROR = 6,
    /// An SMTP line cannot be built, or the EHLO reply cannot be read.
    ME_SMTP_ERROR = 7,
    /// A panic inside the library was caught at the boundary.
    ME_PANIC = 8,
    /// The value asked for does not exist (no display name, no ASCII form, …).
    ME_NO_VALUE = 9,
    /// A `flags` argument holds a bit no `ME_FLAG_*` constant defines.
    ME_INVALID_FLAGS = 10,
}

/// How an address rates (the isemail categories), from the best to the worst.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum me_category {
    /// Valid, and usable unchanged in an envelope.
    ME_CATEGORY_VALID = 0,
    /// Valid for SMTP, with unusual elements (a quoted local part, an address literal).
    ME_CATEGORY_RFC5321 = 1,
    /// Valid in a message, but comments or folding white space are dropped for the envelope.
    ME_CATEGORY_CFWS = 2,
    /// Uses obsolete syntax.
    ME_CATEGORY_DEPRECATED = 3,
    /// Valid only by RFC 5322's broad grammar: not usable as an RFC 5321 path.
    ME_CATEGORY_RFC5322 = 4,
    /// A category this version of the C ABI does not name.
    ME_CATEGORY_OTHER = 255,
}

/// [`me_last_error_offset`] when the last error has no offset.
pub const ME_NO_OFFSET: usize = usize::MAX;

/// Flag: the message itself needs SMTPUTF8 (UTF-8 in its headers, RFC 6532).
pub const ME_FLAG_UTF8_MESSAGE: u32 = 1;
/// Flag: the transaction uses SMTPUTF8 when the server offers it (set it on the `MAIL FROM` and
/// every `RCPT TO` of a transaction when any of its addresses needs it, as
/// [`me_mailbox_smtputf8`] says).
pub const ME_FLAG_SMTPUTF8: u32 = 2;
/// Flag: header fields in RFC 6532 UTF-8 rather than ASCII (RFC 2047 encoded words, A-labels).
pub const ME_FLAG_UTF8_HEADERS: u32 = 4;

const ALL_FLAGS: u32 = ME_FLAG_UTF8_MESSAGE | ME_FLAG_SMTPUTF8 | ME_FLAG_UTF8_HEADERS;

/// A parsed mailbox: both forms of one address. Made by [`me_mailbox_parse`], read with the
/// `me_mailbox_*` getters, released with [`me_mailbox_free`].
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct me_mailbox {
    fields: MailboxFields,
}

/// One UTF-8 input of a list: a pointer to its bytes and their number (not NUL-terminated).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct me_str {
    /// The first byte.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

// ----- errors -----

/// A failed call: its code, its message, and the byte offset of the fault.
#[derive(Debug)]
struct Failure {
    code: me_result,
    message: String,
    offset: Option<usize>,
}

impl Failure {
    fn new(code: me_result, message: impl Into<String>, offset: Option<usize>) -> Self {
        Self {
            code,
            message: message.into(),
            offset,
        }
    }

    fn null(name: &str) -> Self {
        Self::new(me_result::ME_NULL_ARGUMENT, format!("{name} is NULL"), None)
    }
}

impl From<ParseError> for Failure {
    fn from(e: ParseError) -> Self {
        let code = if e.kind() == ErrorKind::InvalidUtf8 {
            me_result::ME_INVALID_UTF8
        } else {
            me_result::ME_PARSE_ERROR
        };
        Self::new(code, e.to_string(), Some(e.offset()))
    }
}

impl From<EnvelopeError> for Failure {
    fn from(e: EnvelopeError) -> Self {
        Self::new(me_result::ME_ENVELOPE_ERROR, e.to_string(), Some(e.offset()))
    }
}

impl From<RenderError> for Failure {
    fn from(e: RenderError) -> Self {
        Self::new(me_result::ME_RENDER_ERROR, e.to_string(), None)
    }
}

impl From<mail_envelope::Error> for Failure {
    fn from(e: mail_envelope::Error) -> Self {
        match e {
            mail_envelope::Error::Parse(e) => e.into(),
            mail_envelope::Error::Envelope(e) => e.into(),
            mail_envelope::Error::Render(e) => e.into(),
            mail_envelope::Error::Smtp(e) => e.into(),
            other => Self::new(me_result::ME_SMTP_ERROR, other.to_string(), None),
        }
    }
}

impl From<SmtpError> for Failure {
    fn from(e: SmtpError) -> Self {
        Self::new(me_result::ME_SMTP_ERROR, e.to_string(), e.offset())
    }
}

thread_local! {
    static LAST_ERROR: RefCell<Option<Failure>> = const { RefCell::new(None) };
}

/// Records `failure` as the thread's last error (`None` clears it).
fn set_last_error(failure: Option<Failure>) {
    // A thread being torn down has no last error to keep.
    let _ = LAST_ERROR.try_with(|last| last.replace(failure));
}

/// Runs `f` behind the panic boundary, records its outcome as the last error, and returns its
/// code.
fn guard(f: impl FnOnce() -> Result<(), Failure>) -> me_result {
    let failure = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => None,
        Ok(Err(failure)) => Some(failure),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Some(Failure::new(
                me_result::ME_PANIC,
                format!("panic inside mail-envelope: {what}"),
                None,
            ))
        }
    };
    let code = failure.as_ref().map_or(me_result::ME_OK, |f| f.code);
    set_last_error(failure);
    code
}

// ----- inputs and outputs -----

/// The bytes of an input.
///
/// # Safety
///
/// `ptr` is NULL or valid for reads of `len` bytes for `'a`.
unsafe fn input<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::new(
            me_result::ME_PARSE_ERROR,
            format!("{name}: length {len} is larger than any object"),
            None,
        ));
    }
    // SAFETY: `ptr` is not NULL, the caller promises it is valid for reads of `len` bytes for
    // 'a, and `len` fits an isize as `from_raw_parts` requires.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// An input that must be UTF-8 text.
///
/// # Safety
///
/// As [`input`].
unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: the caller's promise is passed on unchanged.
    let bytes = unsafe { input(ptr, len, name) }?;
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            me_result::ME_INVALID_UTF8,
            format!("{name} is not UTF-8 at byte {}", e.valid_up_to()),
            Some(e.valid_up_to()),
        )
    })
}

/// Writes `value` and a NUL into the caller's buffer when it fits, and its length into
/// `*out_len` in any case.
///
/// # Safety
///
/// `out` is NULL or valid for writes of `out_cap` bytes; `out_len` is NULL or valid for a write.
unsafe fn write_out(value: &str, out: *mut c_char, out_cap: usize, out_len: *mut usize) -> Result<(), Failure> {
    if out_len.is_null() {
        return Err(Failure::null("out_len"));
    }
    // SAFETY: `out_len` is not NULL and the caller promises it is valid for a write.
    unsafe { out_len.write(value.len()) };
    if out.is_null() || out_cap <= value.len() {
        return Err(Failure::new(
            me_result::ME_BUFFER_TOO_SMALL,
            format!(
                "the output needs {} bytes with its NUL, the buffer holds {out_cap}",
                value.len() + 1
            ),
            None,
        ));
    }
    // SAFETY: `out` is not NULL and valid for writes of `out_cap` > `value.len()` bytes, so for
    // the text and its NUL; a Rust `&str` cannot overlap a buffer the caller lends for writing.
    unsafe {
        std::ptr::copy_nonoverlapping(value.as_ptr(), out.cast::<u8>(), value.len());
        out.add(value.len()).write(0);
    }
    Ok(())
}

/// Checks that `flags` holds only known bits.
fn check_flags(flags: u32) -> Result<(), Failure> {
    if flags & !ALL_FLAGS == 0 {
        Ok(())
    } else {
        Err(Failure::new(
            me_result::ME_INVALID_FLAGS,
            format!("unknown flag bits 0x{:X}", flags & !ALL_FLAGS),
            None,
        ))
    }
}

/// The capabilities an EHLO reply announces; none when there is no reply.
///
/// # Safety
///
/// As [`input`], NULL allowed.
unsafe fn capabilities<'a>(ehlo: *const u8, ehlo_len: usize) -> Result<Capabilities<'a>, Failure> {
    if ehlo.is_null() {
        return Ok(Capabilities::default());
    }
    // SAFETY: the caller's promise is passed on unchanged.
    let reply = unsafe { text(ehlo, ehlo_len, "ehlo") }?;
    Ok(Capabilities::parse(reply, Strictness::Standard)?)
}

/// The error for an input that reads neither as a mailbox nor as a path: the path's when it is
/// written as one (starting with `<`), the mailbox's otherwise.
fn which(bytes: &[u8], mailbox: ParseError, path: ParseError) -> Failure {
    Failure::from(if bytes.starts_with(b"<") { path } else { mailbox })
}

/// The reverse-path of an address as a person writes it (`Name <local@domain>`, `local@domain`)
/// or of an RFC 5321 path (`<local@domain>`, `<>`).
fn reverse_path(bytes: &[u8]) -> Result<ReversePath<'_>, Failure> {
    let options = ParseOptions::default();
    match Mailbox::parse_bytes_with(bytes, &options) {
        Ok(mailbox) => Ok(mailbox.addr_spec().to_reverse_path()?.into_owned()),
        Err(e) => ReversePath::parse_bytes_with(bytes, &options).map_err(|p| which(bytes, e, p)),
    }
}

/// The forward-path of an address as a person writes it, or of an RFC 5321 path
/// (`<local@domain>`, `<Postmaster>`).
fn forward_path(bytes: &[u8]) -> Result<ForwardPath<'_>, Failure> {
    let options = ParseOptions::default();
    match Mailbox::parse_bytes_with(bytes, &options) {
        Ok(mailbox) => Ok(mailbox.addr_spec().to_forward_path()?.into_owned()),
        Err(e) => ForwardPath::parse_bytes_with(bytes, &options).map_err(|p| which(bytes, e, p)),
    }
}

// ----- version and errors -----

/// The library's version, a static NUL-terminated string (e.g. `"0.1.0"`); never free it.
#[no_mangle]
pub extern "C" fn me_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The name of a result code (`"ME_OK"`, `"ME_PARSE_ERROR"`, …), a static NUL-terminated
/// string; `"ME_UNKNOWN"` for a number no code has.
#[no_mangle]
pub extern "C" fn me_result_name(code: c_int) -> *const c_char {
    let name: &'static str = match code {
        0 => "ME_OK\0",
        1 => "ME_NULL_ARGUMENT\0",
        2 => "ME_INVALID_UTF8\0",
        3 => "ME_BUFFER_TOO_SMALL\0",
        4 => "ME_PARSE_ERROR\0",
        5 => "ME_ENVELOPE_ERROR\0",
        6 => "ME_RENDER_ERROR\0",
        7 => "ME_SMTP_ERROR\0",
        8 => "ME_PANIC\0",
        9 => "ME_NO_VALUE\0",
        10 => "ME_INVALID_FLAGS\0",
        _ => "ME_UNKNOWN\0",
    };
    name.as_ptr().cast()
}

/// Writes the message of this thread's last error (empty when the last call succeeded) into
/// `out`, with the size-needed protocol. The last error itself is left as it is.
///
/// # Safety
///
/// `out` is NULL or valid for writes of `out_cap` bytes; `out_len` is NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_last_error_message(out: *mut c_char, out_cap: usize, out_len: *mut usize) -> me_result {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let message = LAST_ERROR
            .try_with(|last| last.borrow().as_ref().map(|f| f.message.clone()))
            .ok()
            .flatten()
            .unwrap_or_default();
        // SAFETY: the caller's promises on `out`, `out_cap` and `out_len` are passed on.
        unsafe { write_out(&message, out, out_cap, out_len) }
    }));
    match outcome {
        Ok(Ok(())) => me_result::ME_OK,
        Ok(Err(failure)) => failure.code,
        Err(_) => me_result::ME_PANIC,
    }
}

/// The byte offset of this thread's last error in the input it concerns, or [`ME_NO_OFFSET`]
/// when it has none (or the last call succeeded).
#[no_mangle]
pub extern "C" fn me_last_error_offset() -> usize {
    catch_unwind(|| {
        LAST_ERROR
            .try_with(|last| last.borrow().as_ref().and_then(|f| f.offset))
            .ok()
            .flatten()
            .unwrap_or(ME_NO_OFFSET)
    })
    .unwrap_or(ME_NO_OFFSET)
}

/// Panics inside the panic boundary, to test that a panic becomes [`me_result::ME_PANIC`].
/// Built only in debug builds; declared by the header when `ME_DEBUG_HOOKS` is defined.
///
/// # Panics
///
/// Always, inside the boundary: the panic never leaves the function.
#[cfg(debug_assertions)]
#[no_mangle]
pub extern "C" fn me_debug_panic() -> me_result {
    guard(|| panic!("me_debug_panic was called"))
}

// ----- mailboxes -----

/// Parses one mailbox (`Name <local@domain>` or `local@domain`) from `input[0..len]` into a new
/// handle at `*out`, which the caller releases with [`me_mailbox_free`]. On failure `*out` is
/// set to NULL.
///
/// # Safety
///
/// `input` is NULL or valid for reads of `len` bytes; `out` is NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_parse(input: *const u8, len: usize, out: *mut *mut me_mailbox) -> me_result {
    guard(|| {
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: `out` is not NULL and the caller promises it is valid for a write.
        unsafe { out.write(std::ptr::null_mut()) };
        // SAFETY: the caller promises `input` is valid for `len` bytes.
        let bytes = unsafe { self::input(input, len, "input") }?;
        let mailbox = Mailbox::parse_bytes_with(bytes, &ParseOptions::default())?;
        let fields = MailboxFields::new(&mailbox, &RenderOptions::default());
        let handle = Box::into_raw(Box::new(me_mailbox { fields }));
        // SAFETY: as above.
        unsafe { out.write(handle) };
        Ok(())
    })
}

/// Releases a mailbox made by [`me_mailbox_parse`]; NULL is accepted and does nothing.
///
/// # Safety
///
/// `mailbox` is NULL or a handle from [`me_mailbox_parse`] not yet released.
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_free(mailbox: *mut me_mailbox) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if !mailbox.is_null() {
            // SAFETY: the caller promises the handle came from `Box::into_raw` in
            // `me_mailbox_parse` and is released once.
            drop(unsafe { Box::from_raw(mailbox) });
        }
    }));
}

/// Runs `get` on the mailbox's fields and writes the text it gives, [`me_result::ME_NO_VALUE`]
/// when it gives none.
///
/// # Safety
///
/// `mailbox` is NULL or a live handle; `out`, `out_cap`, `out_len` as for [`write_out`].
unsafe fn getter(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    what: &str,
    get: impl FnOnce(&MailboxFields) -> Option<&str>,
) -> me_result {
    guard(|| {
        // SAFETY: the caller promises `mailbox` is NULL or a live handle, not written meanwhile.
        let mailbox = unsafe { mailbox.as_ref() }.ok_or_else(|| Failure::null("mailbox"))?;
        let value = get(&mailbox.fields).ok_or_else(|| {
            if !out_len.is_null() {
                // SAFETY: the caller promises `out_len` is NULL or valid for a write.
                unsafe { out_len.write(0) };
            }
            Failure::new(me_result::ME_NO_VALUE, format!("the mailbox has no {what}"), None)
        })?;
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(value, out, out_cap, out_len) }
    })
}

/// The display name (decoded), or [`me_result::ME_NO_VALUE`] when there is none.
///
/// # Safety
///
/// `mailbox` is NULL or a live handle; `out` NULL or valid for `out_cap` bytes; `out_len` NULL
/// or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_display_name(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe {
        getter(mailbox, out, out_cap, out_len, "display name", |f| {
            f.display_name.as_deref()
        })
    }
}

/// The addr-spec in canonical form (`local@domain`).
///
/// # Safety
///
/// As [`me_mailbox_display_name`].
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_addr_spec(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe { getter(mailbox, out, out_cap, out_len, "addr-spec", |f| f.addr_spec.as_deref()) }
}

/// The RFC 5321 path (`<local@domain>`), what `MAIL FROM:` / `RCPT TO:` carry; [`me_result::ME_NO_VALUE`]
/// when no path can carry the address.
///
/// # Safety
///
/// As [`me_mailbox_display_name`].
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_envelope(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe {
        getter(mailbox, out, out_cap, out_len, "envelope path", |f| {
            f.envelope.as_deref()
        })
    }
}

/// The path with the domain in A-labels, for a server without SMTPUTF8;
/// [`me_result::ME_NO_VALUE`] when there is none (a non-ASCII local part).
///
/// # Safety
///
/// As [`me_mailbox_display_name`].
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_envelope_ascii(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe {
        getter(mailbox, out, out_cap, out_len, "ASCII envelope path", |f| {
            f.envelope_ascii.as_deref()
        })
    }
}

/// The ASCII header value (display name quoted or RFC 2047-encoded, domain in A-labels);
/// [`me_result::ME_NO_VALUE`] when only a UTF-8 header can carry the address.
///
/// # Safety
///
/// As [`me_mailbox_display_name`].
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_header(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe {
        getter(mailbox, out, out_cap, out_len, "ASCII header form", |f| {
            f.header.as_deref()
        })
    }
}

/// The RFC 6532 (UTF-8) header value.
///
/// # Safety
///
/// As [`me_mailbox_display_name`].
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_header_utf8(
    mailbox: *const me_mailbox,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    // SAFETY: the caller's promises are passed on.
    unsafe {
        getter(mailbox, out, out_cap, out_len, "header form", |f| {
            f.header_utf8.as_deref()
        })
    }
}

/// Writes into `*out` whether the mailbox's path needs the SMTPUTF8 extension.
///
/// # Safety
///
/// `mailbox` is NULL or a live handle; `out` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_smtputf8(mailbox: *const me_mailbox, out: *mut bool) -> me_result {
    guard(|| {
        // SAFETY: the caller promises `mailbox` is NULL or a live handle.
        let mailbox = unsafe { mailbox.as_ref() }.ok_or_else(|| Failure::null("mailbox"))?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: `out` is not NULL and the caller promises it is valid for a write.
        unsafe { out.write(mailbox.fields.smtputf8) };
        Ok(())
    })
}

/// Writes into `*out` how the mailbox rates.
///
/// # Safety
///
/// `mailbox` is NULL or a live handle; `out` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_mailbox_category(mailbox: *const me_mailbox, out: *mut me_category) -> me_result {
    guard(|| {
        // SAFETY: the caller promises `mailbox` is NULL or a live handle.
        let mailbox = unsafe { mailbox.as_ref() }.ok_or_else(|| Failure::null("mailbox"))?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let category = match mailbox.fields.category {
            Category::Valid => me_category::ME_CATEGORY_VALID,
            Category::Rfc5321 => me_category::ME_CATEGORY_RFC5321,
            Category::Cfws => me_category::ME_CATEGORY_CFWS,
            Category::Deprecated => me_category::ME_CATEGORY_DEPRECATED,
            Category::Rfc5322 => me_category::ME_CATEGORY_RFC5322,
            _ => me_category::ME_CATEGORY_OTHER,
        };
        // SAFETY: `out` is not NULL and the caller promises it is valid for a write.
        unsafe { out.write(category) };
        Ok(())
    })
}

// ----- SMTP lines -----

/// Writes the `MAIL FROM` line, CRLF included, for the sender `address` (a mailbox as a person
/// writes it, `Name <local@domain>`, or a path: `<local@domain>`, `<>`): the bare path, never the
/// name, planned against the server's EHLO reply `ehlo[0..ehlo_len]` (NULL: a server that offers
/// nothing, so a non-ASCII domain goes out in A-labels and a non-ASCII local part is an
/// `ME_SMTP_ERROR` naming SMTPUTF8). `SMTPUTF8` is added when the path, the message
/// (`ME_FLAG_UTF8_MESSAGE`) or the transaction (`ME_FLAG_SMTPUTF8`) needs it and the server
/// offers it.
///
/// # Safety
///
/// `address` is NULL or valid for `address_len` bytes, `ehlo` NULL or valid for `ehlo_len`
/// bytes; `out` NULL or valid for `out_cap` bytes; `out_len` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_mail_from(
    address: *const u8,
    address_len: usize,
    ehlo: *const u8,
    ehlo_len: usize,
    flags: u32,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    guard(|| {
        check_flags(flags)?;
        // SAFETY: the caller's promises are passed on.
        let bytes = unsafe { input(address, address_len, "address") }?;
        // SAFETY: the caller's promises are passed on.
        let caps = unsafe { capabilities(ehlo, ehlo_len) }?;
        let path = reverse_path(bytes)?;
        let transaction = flags & ME_FLAG_SMTPUTF8 != 0 && caps.smtputf8();
        let message = MessageInfo::default().utf8(flags & ME_FLAG_UTF8_MESSAGE != 0 || transaction);
        let line = caps.plan_mail(&path, &message)?.to_line()?;
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(&line, out, out_cap, out_len) }
    })
}

/// Writes the `RCPT TO` line, CRLF included, for the recipient `address`, as [`me_mail_from`]
/// does: the path as it is when the transaction uses SMTPUTF8 (`ME_FLAG_SMTPUTF8` given and
/// offered), else with A-label domains (a non-ASCII local part is then an `ME_SMTP_ERROR`).
///
/// # Safety
///
/// As [`me_mail_from`].
#[no_mangle]
pub unsafe extern "C" fn me_rcpt_to(
    address: *const u8,
    address_len: usize,
    ehlo: *const u8,
    ehlo_len: usize,
    flags: u32,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    guard(|| {
        check_flags(flags)?;
        // SAFETY: the caller's promises are passed on.
        let bytes = unsafe { input(address, address_len, "address") }?;
        // SAFETY: the caller's promises are passed on.
        let caps = unsafe { capabilities(ehlo, ehlo_len) }?;
        let path = forward_path(bytes)?;
        let message = MessageInfo::default().utf8(flags & ME_FLAG_UTF8_MESSAGE != 0);
        let smtputf8 = caps.uses_smtputf8(flags & ME_FLAG_SMTPUTF8 != 0, &message)?;
        let line = caps.plan_rcpt(&path, smtputf8, &DsnRequest::default())?.to_line()?;
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(&line, out, out_cap, out_len) }
    })
}

/// Writes the `MAIL FROM` line and one `RCPT TO` line per recipient, each with its CRLF, one
/// after the other, for the sender `address` and the `recipient_count` addresses of
/// `recipients`, planned together against the server's EHLO reply (NULL: a server that offers
/// nothing): the transaction uses `SMTPUTF8` when any path or the message
/// (`ME_FLAG_UTF8_MESSAGE`) needs it and the server offers it, and otherwise sends every path
/// with A-label domains (a non-ASCII local part is then an `ME_SMTP_ERROR`). No recipient is an
/// `ME_ENVELOPE_ERROR`. A recipient's error names its index (from 0), and the offset is in that
/// recipient.
///
/// # Safety
///
/// `address` is NULL or valid for `address_len` bytes; `recipients` NULL or valid for reads of
/// `recipient_count` `me_str`s, each of whose `ptr` is NULL or valid for `len` bytes; `ehlo`
/// NULL or valid for `ehlo_len` bytes; `out` NULL or valid for `out_cap` bytes; `out_len` NULL
/// or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_envelope_lines(
    address: *const u8,
    address_len: usize,
    recipients: *const me_str,
    recipient_count: usize,
    ehlo: *const u8,
    ehlo_len: usize,
    flags: u32,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    guard(|| {
        check_flags(flags)?;
        // SAFETY: the caller's promises are passed on.
        let bytes = unsafe { input(address, address_len, "address") }?;
        // SAFETY: the caller's promises are passed on.
        let caps = unsafe { capabilities(ehlo, ehlo_len) }?;
        let reverse = reverse_path(bytes)?;
        let recipients: &[me_str] = if recipient_count == 0 {
            &[]
        } else if recipients.is_null() {
            return Err(Failure::null("recipients"));
        } else if recipient_count
            .checked_mul(size_of::<me_str>())
            .is_none_or(|size| isize::try_from(size).is_err())
        {
            return Err(Failure::new(
                me_result::ME_PARSE_ERROR,
                format!("recipient_count {recipient_count} is larger than any array"),
                None,
            ));
        } else {
            // SAFETY: `recipients` is not NULL, the caller promises it is valid for reads of
            // `recipient_count` elements, and their size fits an isize.
            unsafe { std::slice::from_raw_parts(recipients, recipient_count) }
        };
        let mut forward = Vec::with_capacity(recipients.len());
        for (index, recipient) in recipients.iter().enumerate() {
            let name = format!("recipient {index}");
            // SAFETY: the caller promises each element's `ptr` is NULL or valid for `len` bytes.
            let bytes = unsafe { input(recipient.ptr, recipient.len, &name) }?;
            forward.push(forward_path(bytes).map_err(|mut failure| {
                failure.message = format!("{name}: {}", failure.message);
                failure
            })?);
        }
        let envelope = Envelope::new(reverse, forward)?;
        let message = MessageInfo::default().utf8(flags & ME_FLAG_UTF8_MESSAGE != 0);
        let plan = caps.plan_envelope(&envelope, &message)?;
        let mut lines = plan.mail.to_line()?;
        for rcpt in &plan.rcpts {
            lines.push_str(&rcpt.to_line()?);
        }
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(&lines, out, out_cap, out_len) }
    })
}

// ----- the whole notification -----

/// What a notification says: the inputs of [`me_notification_transaction`]. Every text is a
/// (pointer, length) pair of UTF-8.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct me_notification {
    /// The sender, a mailbox as configured (`Name <addr>` or `addr`).
    pub from: me_str,
    /// The recipients, `to_count` mailboxes.
    pub to: *const me_str,
    /// How many recipients `to` holds.
    pub to_count: usize,
    /// The subject, one line.
    pub subject: me_str,
    /// The body, plain text (any line ends).
    pub body: me_str,
    /// The time for `Date:`, in seconds since the Unix epoch (UTC).
    pub date_seconds: i64,
    /// The local zone's offset from UTC in minutes (480 for `+0800`).
    pub date_offset_minutes: i32,
    /// The unique part of `Message-ID:` (left of the `@`).
    pub message_id_part: me_str,
    /// The client's name for `EHLO`.
    pub ehlo_name: me_str,
}

/// Writes the whole client side of a notification transaction, as
/// `mail_envelope::message::Notification::transaction` builds it against the server's EHLO
/// reply (NULL: a server that offers nothing): `EHLO`, `MAIL FROM`, the `RCPT TO`s, `DATA`
/// (each with its CRLF), then the message (dot-stuffed, ending in `CRLF.CRLF`). A client that
/// pipelines writes the commands in the batches RFC 2920 allows; `me_envelope_lines` and the
/// Rust API give them one by one.
///
/// # Safety
///
/// `notification` is NULL or valid for a read, and each of its `me_str`s (and the `to_count`
/// elements of `to`) NULL or valid as it says; `ehlo` NULL or valid for `ehlo_len` bytes; `out`
/// NULL or valid for `out_cap` bytes; `out_len` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_notification_transaction(
    notification: *const me_notification,
    ehlo: *const u8,
    ehlo_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    guard(|| {
        if notification.is_null() {
            return Err(Failure::null("notification"));
        }
        // SAFETY: not NULL, and the caller promises it is valid for a read.
        let n = unsafe { *notification };
        // SAFETY: the caller's promises are passed on.
        let caps = unsafe { capabilities(ehlo, ehlo_len) }?;
        // SAFETY: the caller's promises on each field are passed on.
        let (from, subject, body, message_id_part, ehlo_name) = unsafe {
            (
                text(n.from.ptr, n.from.len, "from")?,
                text(n.subject.ptr, n.subject.len, "subject")?,
                text(n.body.ptr, n.body.len, "body")?,
                text(n.message_id_part.ptr, n.message_id_part.len, "message_id_part")?,
                text(n.ehlo_name.ptr, n.ehlo_name.len, "ehlo_name")?,
            )
        };
        let recipients: &[me_str] = if n.to_count == 0 {
            &[]
        } else if n.to.is_null() {
            return Err(Failure::null("to"));
        } else if n
            .to_count
            .checked_mul(size_of::<me_str>())
            .is_none_or(|size| isize::try_from(size).is_err())
        {
            return Err(Failure::new(
                me_result::ME_PARSE_ERROR,
                format!("to_count {} is larger than any array", n.to_count),
                None,
            ));
        } else {
            // SAFETY: `to` is not NULL, the caller promises it is valid for reads of `to_count`
            // elements, and their size fits an isize.
            unsafe { std::slice::from_raw_parts(n.to, n.to_count) }
        };
        let mut to = Vec::with_capacity(recipients.len());
        for (index, recipient) in recipients.iter().enumerate() {
            // SAFETY: the caller promises each element's `ptr` is NULL or valid for `len` bytes.
            to.push(unsafe { text(recipient.ptr, recipient.len, &format!("recipient {index}")) }?);
        }
        let notification = Notification {
            from,
            to: &to,
            subject,
            body,
            date: Timestamp {
                seconds: n.date_seconds,
                offset_minutes: n.date_offset_minutes,
            },
            message_id_part,
            ehlo_name,
        };
        let wire = notification.transaction(Some(&caps))?.to_wire();
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(&wire, out, out_cap, out_len) }
    })
}

// ----- header fields -----

/// Writes the header field `name: value` (without its final CRLF; folded lines are joined by
/// CRLF and a space) for the address list `value[0..value_len]` (one or more mailboxes or groups,
/// separated by commas): `From`, `To`, `Cc`, `Reply-To`, …. ASCII unless `ME_FLAG_UTF8_HEADERS`
/// asks for RFC 6532 UTF-8.
///
/// # Safety
///
/// `name` NULL or valid for `name_len` bytes, `value` NULL or valid for `value_len` bytes; `out`
/// NULL or valid for `out_cap` bytes; `out_len` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn me_header_field(
    name: *const u8,
    name_len: usize,
    value: *const u8,
    value_len: usize,
    flags: u32,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> me_result {
    guard(|| {
        check_flags(flags)?;
        // SAFETY: the caller's promises are passed on.
        let name = unsafe { text(name, name_len, "name") }?;
        // SAFETY: the caller's promises are passed on.
        let bytes = unsafe { input(value, value_len, "value") }?;
        let list = AddressList::parse_bytes_with(bytes, &ParseOptions::default())?;
        let render = RenderOptions::default().utf8_headers(flags & ME_FLAG_UTF8_HEADERS != 0);
        let field = list.to_field(name, &render)?;
        // SAFETY: the caller's promises on the buffer are passed on.
        unsafe { write_out(&field, out, out_cap, out_len) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls a text-writing function with a buffer of 512 bytes and returns its result and text.
    fn text_of(f: impl FnOnce(*mut c_char, usize, *mut usize) -> me_result) -> (me_result, String) {
        let mut buf = [0u8; 512];
        let mut len = 0usize;
        let result = f(buf.as_mut_ptr().cast(), buf.len(), &raw mut len);
        let text = if result == me_result::ME_OK {
            String::from_utf8(buf[..len].to_vec()).unwrap()
        } else {
            String::new()
        };
        (result, text)
    }

    fn last_message() -> String {
        // SAFETY: the buffer and length are live locals of the sizes given.
        text_of(|out, cap, len| unsafe { me_last_error_message(out, cap, len) }).1
    }

    fn parse(input: &str) -> *mut me_mailbox {
        let mut mailbox = std::ptr::null_mut();
        // SAFETY: `input` is live for the call; `mailbox` is a live local.
        let result = unsafe { me_mailbox_parse(input.as_ptr(), input.len(), &raw mut mailbox) };
        assert_eq!(result, me_result::ME_OK, "{input}: {}", last_message());
        mailbox
    }

    #[test]
    fn a_length_larger_than_any_object_is_refused_before_reading() {
        let mut mailbox = std::ptr::null_mut();
        // SAFETY: the length is refused before the pointer is read.
        let result = unsafe { me_mailbox_parse(b"a".as_ptr(), usize::MAX, &raw mut mailbox) };
        assert_eq!(result, me_result::ME_PARSE_ERROR);
        assert!(mailbox.is_null());
        assert!(last_message().contains("larger than any object"));
    }

    #[test]
    fn a_non_ascii_local_part_has_no_ascii_forms() {
        let mailbox = parse("用户 <用户@例子.广告>");
        // SAFETY: `mailbox` is live until freed below; the buffers are live locals.
        unsafe {
            let (result, _) = text_of(|out, cap, len| me_mailbox_envelope_ascii(mailbox, out, cap, len));
            assert_eq!(result, me_result::ME_NO_VALUE);
            let (result, _) = text_of(|out, cap, len| me_mailbox_header(mailbox, out, cap, len));
            assert_eq!(result, me_result::ME_NO_VALUE);
            let (result, header) = text_of(|out, cap, len| me_mailbox_header_utf8(mailbox, out, cap, len));
            assert_eq!((result, header.as_str()), (me_result::ME_OK, "用户 <用户@例子.广告>"));
            let mut smtputf8 = false;
            assert_eq!(me_mailbox_smtputf8(mailbox, &raw mut smtputf8), me_result::ME_OK);
            assert!(smtputf8);
            me_mailbox_free(mailbox);
        }
    }

    #[test]
    fn categories_are_named() {
        for (input, expected) in [
            ("jane@example.com", me_category::ME_CATEGORY_VALID),
            ("\"jane doe\"@example.com", me_category::ME_CATEGORY_RFC5321),
            ("jane@[not a literal]", me_category::ME_CATEGORY_RFC5322),
        ] {
            let mailbox = parse(input);
            let mut category = me_category::ME_CATEGORY_OTHER;
            // SAFETY: `mailbox` is live until freed; `category` is a live local.
            unsafe {
                assert_eq!(me_mailbox_category(mailbox, &raw mut category), me_result::ME_OK);
                me_mailbox_free(mailbox);
            }
            assert_eq!(category, expected, "{input}");
        }
    }

    #[test]
    fn header_fields_in_utf8_when_asked() {
        let (name, value) = ("To", "Jörg <joerg@bücher.example>");
        let field = |flags| {
            // SAFETY: `name` and `value` are live for the call; the buffers are live locals.
            text_of(|out, cap, len| unsafe {
                me_header_field(
                    name.as_ptr(),
                    name.len(),
                    value.as_ptr(),
                    value.len(),
                    flags,
                    out,
                    cap,
                    len,
                )
            })
        };
        assert_eq!(
            field(ME_FLAG_UTF8_HEADERS),
            (me_result::ME_OK, "To: Jörg <joerg@bücher.example>".to_owned())
        );
        let (result, ascii) = field(0);
        assert_eq!(result, me_result::ME_OK);
        assert!(ascii.is_ascii() && ascii.contains("xn--bcher-kva.example"), "{ascii}");
    }

    #[test]
    fn success_clears_the_last_error_and_threads_keep_their_own() {
        let bad = "Jane <jane@example.com";
        let mut mailbox = std::ptr::null_mut();
        // SAFETY: `bad` is live for the call; `mailbox` is a live local.
        let result = unsafe { me_mailbox_parse(bad.as_ptr(), bad.len(), &raw mut mailbox) };
        assert_eq!(result, me_result::ME_PARSE_ERROR);
        assert_eq!(me_last_error_offset(), bad.len());
        // Another thread has no error of its own.
        let other = std::thread::spawn(|| (me_last_error_offset(), last_message()))
            .join()
            .unwrap();
        assert_eq!(other, (ME_NO_OFFSET, String::new()));
        assert!(last_message().starts_with("expected '>'"));
        // SAFETY: the pointer comes from `parse` and is released once.
        unsafe { me_mailbox_free(parse("jane@example.com")) };
        assert_eq!((me_last_error_offset(), last_message()), (ME_NO_OFFSET, String::new()));
    }

    #[test]
    fn result_names_match_the_enum() {
        for code in [
            me_result::ME_OK,
            me_result::ME_NULL_ARGUMENT,
            me_result::ME_INVALID_UTF8,
            me_result::ME_BUFFER_TOO_SMALL,
            me_result::ME_PARSE_ERROR,
            me_result::ME_ENVELOPE_ERROR,
            me_result::ME_RENDER_ERROR,
            me_result::ME_SMTP_ERROR,
            me_result::ME_PANIC,
            me_result::ME_NO_VALUE,
            me_result::ME_INVALID_FLAGS,
        ] {
            // SAFETY: `me_result_name` returns a static NUL-terminated string.
            let name = unsafe { std::ffi::CStr::from_ptr(me_result_name(code as c_int)) };
            assert_eq!(name.to_str().unwrap(), format!("{code:?}"));
        }
    }
}

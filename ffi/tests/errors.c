/*
 * Every way a C caller can get it wrong, and the result code each gets: NULL pointers,
 * bytes that are not UTF-8, a buffer too small, a CR/LF injection, unknown flags, a value
 * that does not exist, a bad EHLO reply, and a panic inside the library (through the
 * debug-only hook). Prints one line per case: its name, the result code's name, and the
 * last error's offset and message where there is one.
 */
#define ME_DEBUG_HOOKS 1
#include <stdio.h>
#include <string.h>

#include "mail_envelope.h"

static const uint8_t *bytes(const char *s) { return (const uint8_t *)s; }

static void report(const char *name, me_result result) {
    char message[256];
    size_t len = 0;
    printf("%s: %s", name, me_result_name((int)result));
    size_t offset = me_last_error_offset();
    if (offset != ME_NO_OFFSET) printf(" at %zu", offset);
    if (me_last_error_message(message, sizeof message, &len) == ME_OK && len > 0) {
        printf(": %s", message);
    }
    printf("\n");
}

int main(void) {
    char buf[256];
    size_t len = 0;
    me_mailbox *mailbox = NULL;
    const char *ok = "Ops <ops@example.com>";

    /* NULL pointers. */
    report("null input", me_mailbox_parse(NULL, 5, &mailbox));
    printf("null input handle: %s\n", mailbox == NULL ? "NULL" : "set");
    report("null out", me_mailbox_parse(bytes(ok), strlen(ok), NULL));
    report("null out_len", me_mail_from(bytes(ok), strlen(ok), NULL, 0, 0, buf, sizeof buf, NULL));
    report("null mailbox", me_mailbox_addr_spec(NULL, buf, sizeof buf, &len));
    me_mailbox_free(NULL);
    printf("free(NULL): ok\n");

    /* Not UTF-8. */
    const char *latin1 = "J\xf6rg <joerg@example.com>";
    report("bad utf-8", me_mail_from(bytes(latin1), strlen(latin1), NULL, 0, 0, buf, sizeof buf, &len));
    const char *bad_ehlo = "250-mx.example.com\r\n250 \xff\r\n";
    report("bad utf-8 ehlo", me_mail_from(bytes(ok), strlen(ok), bytes(bad_ehlo), strlen(bad_ehlo),
                                          0, buf, sizeof buf, &len));

    /* A buffer too small, then one of the size asked for. */
    char small[8];
    report("short buffer", me_mail_from(bytes(ok), strlen(ok), NULL, 0, 0, small, sizeof small, &len));
    printf("needed: %zu\n", len);
    char exact[32];
    report("exact buffer", me_mail_from(bytes(ok), strlen(ok), NULL, 0, 0, exact, len + 1, &len));
    printf("line length: %zu, strlen: %zu\n", len, strlen(exact));
    report("size only", me_rcpt_to(bytes(ok), strlen(ok), NULL, 0, 0, NULL, 0, &len));
    printf("needed: %zu\n", len);

    /* A CR/LF injection is never an address. */
    const char *inject = "a@b>\r\nRCPT TO:<evil@x>";
    report("crlf injection", me_rcpt_to(bytes(inject), strlen(inject), NULL, 0, 0, buf, sizeof buf, &len));
    report("crlf injection parse", me_mailbox_parse(bytes(inject), strlen(inject), &mailbox));
    const char *field = "To\r\nBcc";
    report("crlf field name", me_header_field(bytes(field), strlen(field), bytes(ok), strlen(ok), 0,
                                              buf, sizeof buf, &len));

    /* The Keepalived mistake, the whole configured value in angle brackets. */
    const char *keepalived = "<服务显示名称 <keepalived@server.example.com>>";
    report("name in path", me_mail_from(bytes(keepalived), strlen(keepalived), NULL, 0, 0, buf,
                                        sizeof buf, &len));

    /* No SMTPUTF8 from the server for a non-ASCII local part. */
    const char *chinese = "用户@例子.广告";
    report("needs smtputf8", me_rcpt_to(bytes(chinese), strlen(chinese), NULL, 0, 0, buf, sizeof buf, &len));

    /* An EHLO reply that is none, unknown flags, a value that does not exist. */
    const char *greeting = "220 mx.example.com ESMTP\r\n";
    report("bad ehlo", me_mail_from(bytes(ok), strlen(ok), bytes(greeting), strlen(greeting), 0, buf,
                                    sizeof buf, &len));
    report("unknown flags", me_mail_from(bytes(ok), strlen(ok), NULL, 0, 0x80, buf, sizeof buf, &len));
    const char *bare = "ops@example.com";
    report("parse", me_mailbox_parse(bytes(bare), strlen(bare), &mailbox));
    report("no display name", me_mailbox_display_name(mailbox, buf, sizeof buf, &len));
    me_mailbox_free(mailbox);

    /* A whole envelope: no recipient, a NULL array, a recipient that is no address. */
    report("no recipients", me_envelope_lines(bytes(ok), strlen(ok), NULL, 0, NULL, 0, 0, buf,
                                              sizeof buf, &len));
    report("null recipients", me_envelope_lines(bytes(ok), strlen(ok), NULL, 2, NULL, 0, 0, buf,
                                                sizeof buf, &len));
    me_str recipients[2] = {{bytes(bare), strlen(bare)}, {bytes(inject), strlen(inject)}};
    report("bad recipient", me_envelope_lines(bytes(ok), strlen(ok), recipients, 2, NULL, 0, 0, buf,
                                              sizeof buf, &len));
    recipients[1].ptr = NULL;
    report("null recipient", me_envelope_lines(bytes(ok), strlen(ok), recipients, 2, NULL, 0, 0, buf,
                                               sizeof buf, &len));

    /* A panic inside the library comes back as a result code. */
    report("panic", me_debug_panic());
    report("after panic", me_mail_from(bytes(ok), strlen(ok), NULL, 0, 0, buf, sizeof buf, &len));
    printf("%s", buf);
    printf("unknown code: %s\n", me_result_name(999));
    return 0;
}

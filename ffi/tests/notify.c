/*
 * A notifier in the style of Keepalived's smtp.c: the configured sender
 *
 *     notification_email_from "服务显示名称 <keepalived@server.example.com>"
 *
 * and two recipients become the envelope (MAIL FROM / RCPT TO, the bare paths) and the
 * header fields (From / To, the display name RFC 2047-encoded). Keepalived once sent
 * "MAIL FROM:<服务显示名称 <keepalived@server.example.com>>", which servers refuse with 501.
 *
 * Prints each line the notifier would send, CRLF included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail_envelope.h"

static const char *email_from = "服务显示名称 <keepalived@server.example.com>";
static const char *email[] = {"admin@example.com", "NOC Team <noc@example.org>"};
#define EMAIL_COUNT (sizeof email / sizeof email[0])

/* The server's answer to EHLO. */
static const char *ehlo_reply = "250-mx.example.com Hello\r\n"
                                "250-PIPELINING\r\n"
                                "250-8BITMIME\r\n"
                                "250 SMTPUTF8\r\n";

static void fail(const char *what, me_result result) {
    char message[256];
    size_t len;
    if (me_last_error_message(message, sizeof message, &len) != ME_OK) {
        strcpy(message, "(message too long)");
    }
    fprintf(stderr, "notify: %s: %s: %s\n", what, me_result_name((int)result), message);
    exit(1);
}

static const uint8_t *bytes(const char *s) { return (const uint8_t *)s; }

/* MAIL FROM or RCPT TO, into a buffer sized by asking first. */
typedef me_result (*line_fn)(const uint8_t *, size_t, const uint8_t *, size_t, uint32_t, char *,
                             size_t, size_t *);

static char *line(line_fn fn, const char *address) {
    size_t len = 0;
    me_result r = fn(bytes(address), strlen(address), bytes(ehlo_reply), strlen(ehlo_reply), 0,
                     NULL, 0, &len);
    if (r != ME_BUFFER_TOO_SMALL) fail(address, r);
    char *out = malloc(len + 1);
    if (out == NULL) exit(2);
    r = fn(bytes(address), strlen(address), bytes(ehlo_reply), strlen(ehlo_reply), 0, out,
           len + 1, &len);
    if (r != ME_OK) fail(address, r);
    return out;
}

int main(void) {
    char buf[512];
    size_t len;
    me_result r;

    printf("mail-envelope %s\n", me_version());

    /* What the configured sender holds. */
    me_mailbox *from = NULL;
    r = me_mailbox_parse(bytes(email_from), strlen(email_from), &from);
    if (r != ME_OK) fail("notification_email_from", r);
    if ((r = me_mailbox_display_name(from, buf, sizeof buf, &len)) != ME_OK) fail("name", r);
    printf("display name: %s\n", buf);
    if ((r = me_mailbox_addr_spec(from, buf, sizeof buf, &len)) != ME_OK) fail("addr-spec", r);
    printf("addr-spec: %s\n", buf);
    if ((r = me_mailbox_envelope(from, buf, sizeof buf, &len)) != ME_OK) fail("envelope", r);
    printf("envelope: %s\n", buf);
    if ((r = me_mailbox_envelope_ascii(from, buf, sizeof buf, &len)) != ME_OK) fail("ascii", r);
    printf("envelope (ASCII): %s\n", buf);
    if ((r = me_mailbox_header(from, buf, sizeof buf, &len)) != ME_OK) fail("header", r);
    printf("header: %s\n", buf);
    bool smtputf8 = true;
    if ((r = me_mailbox_smtputf8(from, &smtputf8)) != ME_OK) fail("smtputf8", r);
    printf("smtputf8: %s\n", smtputf8 ? "yes" : "no");
    me_category category = ME_CATEGORY_OTHER;
    if ((r = me_mailbox_category(from, &category)) != ME_OK) fail("category", r);
    printf("category: %d\n", (int)category);
    me_mailbox_free(from);

    /* The transaction. */
    char *mail = line(me_mail_from, email_from);
    fputs(mail, stdout);
    free(mail);
    for (size_t i = 0; i < EMAIL_COUNT; i++) {
        char *rcpt = line(me_rcpt_to, email[i]);
        fputs(rcpt, stdout);
        free(rcpt);
    }

    /* The same transaction planned at once, then with a recipient whose address needs
     * SMTPUTF8: the server offers it, so MAIL FROM asks for it. */
    me_str to[3];
    for (size_t i = 0; i < EMAIL_COUNT; i++) {
        to[i].ptr = bytes(email[i]);
        to[i].len = strlen(email[i]);
    }
    const char *chinese = "用户@例子.广告";
    to[EMAIL_COUNT].ptr = bytes(chinese);
    to[EMAIL_COUNT].len = strlen(chinese);
    for (size_t count = EMAIL_COUNT; count <= EMAIL_COUNT + 1; count++) {
        r = me_envelope_lines(bytes(email_from), strlen(email_from), to, count, bytes(ehlo_reply),
                              strlen(ehlo_reply), 0, buf, sizeof buf, &len);
        if (r != ME_OK) fail("envelope", r);
        printf("-- %zu recipients\n%s", count, buf);
    }

    /* The header fields. */
    r = me_header_field(bytes("From"), 4, bytes(email_from), strlen(email_from), 0, buf,
                        sizeof buf, &len);
    if (r != ME_OK) fail("From", r);
    printf("%s\r\n", buf);
    char to_field[256] = "";
    for (size_t i = 0; i < EMAIL_COUNT; i++) {
        if (i > 0) strcat(to_field, ", ");
        strcat(to_field, email[i]);
    }
    r = me_header_field(bytes("To"), 2, bytes(to_field), strlen(to_field), 0, buf, sizeof buf,
                        &len);
    if (r != ME_OK) fail("To", r);
    printf("%s\r\n", buf);
    return 0;
}

/*
 * The whole notification a Keepalived-style notifier sends, built by the C ABI in one call:
 * EHLO, MAIL FROM, the RCPT TOs, DATA and the message, for the configured sender
 *
 *     notification_email_from "服务显示名称 <keepalived@server.example.com>"
 *
 * and two recipients, against a server that offers PIPELINING, 8BITMIME and SMTPUTF8.
 * Prints the transaction exactly as it goes on the wire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail_envelope.h"

static me_str str(const char *s) {
    me_str out = {(const uint8_t *)s, strlen(s)};
    return out;
}

int main(void) {
    static const char *ehlo_reply = "250-mx.example.com Hello\r\n"
                                    "250-PIPELINING\r\n"
                                    "250-8BITMIME\r\n"
                                    "250 SMTPUTF8\r\n";
    me_str to[] = {str("admin@example.com"), str("NOC Team <noc@example.com>")};
    me_notification n = {
        .from = str("服务显示名称 <keepalived@server.example.com>"),
        .to = to,
        .to_count = sizeof to / sizeof to[0],
        .subject = str("[server] VRRP instance VI_1 is now MASTER"),
        .body = str("=> VRRP instance VI_1 is now MASTER <=\n.\nGrüße\n"),
        .date_seconds = 1700000000,
        .date_offset_minutes = 480,
        .message_id_part = str("1700000000.4242"),
        .ehlo_name = str("server.example.com"),
    };
    size_t len = 0;
    me_result r = me_notification_transaction(&n, (const uint8_t *)ehlo_reply, strlen(ehlo_reply),
                                              NULL, 0, &len);
    if (r != ME_BUFFER_TOO_SMALL) {
        fprintf(stderr, "transaction: %s\n", me_result_name((int)r));
        return 1;
    }
    char *wire = malloc(len + 1);
    if (wire == NULL) return 2;
    r = me_notification_transaction(&n, (const uint8_t *)ehlo_reply, strlen(ehlo_reply), wire,
                                    len + 1, &len);
    if (r != ME_OK) {
        fprintf(stderr, "transaction: %s\n", me_result_name((int)r));
        free(wire);
        return 1;
    }
    fwrite(wire, 1, len, stdout);
    free(wire);
    /* A notification without recipients is an error, with a message. */
    n.to_count = 0;
    r = me_notification_transaction(&n, NULL, 0, NULL, 0, &len);
    char message[256];
    me_last_error_message(message, sizeof message, &len);
    printf("no recipients: %s: %s\n", me_result_name((int)r), message);
    return 0;
}

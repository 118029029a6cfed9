"""The tests' SMTP sink (scripts/mail_test_server.sh): aiosmtpd's Mailbox handler, which keeps
every message received in a Maildir (with X-MailFrom and X-RcptTo), and refuses any recipient
at rechazado.invalid the way a real server refuses an unknown mailbox."""
from aiosmtpd.handlers import Mailbox


class Sink(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@rechazado.invalid"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

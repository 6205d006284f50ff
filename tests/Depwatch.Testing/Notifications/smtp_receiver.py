"""A real SMTP server (aiosmtpd) for the e-mail notification tests.

Usage: smtp_receiver.py PORT MAILDIR [CERTFILE KEYFILE USER PASSWORD]
Each message is written to MAILDIR as NNNN.eml. With a certificate, STARTTLS is offered and required, and AUTH
(PLAIN/LOGIN) with USER/PASSWORD is required after it. Prints "ready" once listening.
"""
import asyncio
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.folder, f"{self.count:04d}.eml")
        with open(path + ".tmp", "wb") as out:
            header = f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\nX-Authenticated: {bool(session.authenticated)}\r\n"
            header += f"X-Tls: {session.ssl is not None}\r\n"
            out.write(header.encode() + envelope.original_content)
        os.replace(path + ".tmp", path)
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    options = {}
    if len(sys.argv) > 3:
        cert, key, user, password = sys.argv[3:7]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        options = dict(tls_context=context, require_starttls=True, authenticator=authenticate, auth_required=True, auth_require_tls=True)
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

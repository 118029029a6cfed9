"""Messages for the mail tests, made the way Outlook and Gmail make them, and what the SMTP sink
received, read with Python's own email package (an outside reader of what Celda sends).

  mail_messages.py outlook BASE.xlsx OUT.eml SUBJECT [SENDER]   nested multipart/mixed ⊃ alternative
        (Windows-1252 quoted-printable body, html) + the base, its name an RFC 2047 encoded word
  mail_messages.py gmail BASE OUT.eml SUBJECT [SENDER]          the base forwarded inside a message/rfc822,
        its name in RFC 2231 (UTF-8, percent-encoded)
  mail_messages.py nofile OUT.eml SUBJECT [SENDER]              only a PDF attached
  mail_messages.py add-row IN.xlsx OUT.xlsx                     the base with one more case (a corrected base)
  mail_messages.py sent MAILDIR                                 JSON: every message the sink kept
  mail_messages.py figures XLSX                                 JSON: the first sheet's label/number rows, as cached
"""
import base64
import hashlib
import json
import mailbox
import os
import sys
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.parser import BytesParser

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def outlook(base, out, subject, sender):
    name = os.path.basename(base)
    boundary_mixed, boundary_alt = "_004_AM0PR01MB_", "_000_AM0PR01MB_"
    # Outlook's way: the name as one RFC 2047 encoded word in its own code page inside the quotes.
    try:
        name.encode("cp1252")
        charset = "windows-1252"
    except UnicodeEncodeError:
        charset = "utf-8"
    encoded_name = Header(name, charset).encode(maxlinelen=10000)
    body = "Buenos días, adjunto la base del día.\r\n".encode("cp1252")
    import quopri
    qp = quopri.encodestring(body).decode("ascii")
    data = base64.encodebytes(open(base, "rb").read()).decode("ascii").replace("\n", "\r\n")
    text = (
        f"From: \"Gestion Soporte\" <{sender}>\r\n"
        f"To: backoffice@almacontact.com.co\r\n"
        f"Subject: {Header(subject, 'windows-1252').encode(maxlinelen=76)}\r\n"
        f"Message-ID: <{hashlib.md5(subject.encode()).hexdigest()}@outlook.com>\r\n"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: multipart/mixed; boundary=\"{boundary_mixed}\"\r\n\r\n"
        f"--{boundary_mixed}\r\nContent-Type: multipart/alternative; boundary=\"{boundary_alt}\"\r\n\r\n"
        f"--{boundary_alt}\r\nContent-Type: text/plain; charset=\"Windows-1252\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n"
        f"--{boundary_alt}\r\nContent-Type: text/html; charset=\"Windows-1252\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>{qp}</p>\r\n"
        f"--{boundary_alt}--\r\n\r\n"
        f"--{boundary_mixed}\r\nContent-Type: {XLSX[0]}/{XLSX[1]};\r\n\tname=\"{encoded_name}\"\r\n"
        f"Content-Disposition: attachment;\r\n\tfilename=\"{encoded_name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{data}\r\n"
        f"--{boundary_mixed}--\r\n"
    )
    open(out, "wb").write(text.encode("ascii"))


def gmail(base, out, subject, sender):
    inner = EmailMessage()
    inner["From"] = sender
    inner["Subject"] = subject
    inner.set_content("Va la base.")
    inner.add_attachment(open(base, "rb").read(), maintype=XLSX[0], subtype=XLSX[1], filename=os.path.basename(base))
    outer = EmailMessage()
    outer["From"] = sender
    outer["To"] = "backoffice@almacontact.com.co"
    outer["Subject"] = "Fwd: " + subject
    outer.set_content("---------- Forwarded message ---------")
    outer.add_attachment(inner, filename="reenviado.eml")
    open(out, "wb").write(outer.as_bytes(policy=policy.SMTP))


def nofile(out, subject, sender):
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "backoffice@almacontact.com.co"
    m["Subject"] = subject
    m.set_content("La base va en el próximo correo.")
    m.add_attachment(b"%PDF-1.4 nada", maintype="application", subtype="pdf", filename="instructivo.pdf")
    open(out, "wb").write(m.as_bytes(policy=policy.SMTP))


def add_row(src, dst):
    import openpyxl
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    last = ws.max_row
    values = [c.value for c in ws[last]]
    # The header is the first row that names an account (a title may sit above it).
    header = next([str(c.value or "").lower() for c in row] for row in ws.iter_rows() if any("cuenta" in str(c.value or "").lower() for c in row))
    account = next(i for i, h in enumerate(header) if "cuenta" in h)
    values[account] = (str(values[account]) + "9") if isinstance(values[account], str) else (values[account] or 0) + 7
    ws.append(values)
    wb.save(dst)


def sent(maildir):
    out = []
    for key, raw in mailbox.Maildir(maildir, factory=None, create=False).iteritems():
        m = BytesParser(policy=policy.default).parsebytes(raw.as_bytes())
        files = []
        body = ""
        for part in m.walk():
            if part.get_content_maintype() == "multipart":
                continue
            if part.get_filename():
                data = part.get_payload(decode=True)
                files.append({"name": part.get_filename(), "type": part.get_content_type(), "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
            elif part.get_content_type() == "text/plain":
                body = part.get_content()
        out.append({"subject": str(m["Subject"] or ""), "to": str(m["X-RcptTo"] or ""), "from": str(m["From"] or ""),
                    "message_id": str(m["Message-ID"] or ""), "in_reply_to": str(m["In-Reply-To"] or ""), "body": body, "files": files})
    print(json.dumps(out, ensure_ascii=False))


def figures(path):
    import openpyxl
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    rows = []
    for row in ws.iter_rows(values_only=True):
        if len(row) >= 2 and isinstance(row[0], str) and isinstance(row[1], (int, float)) and not isinstance(row[1], bool):
            rows.append([row[0], row[1]])
    print(json.dumps({"sheet": ws.title, "rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    sender = lambda i: args[i] if len(args) > i else "gestion.soporte@claro.com.co"
    if command == "outlook":
        outlook(args[0], args[1], args[2], sender(3))
    elif command == "gmail":
        gmail(args[0], args[1], args[2], sender(3))
    elif command == "nofile":
        nofile(args[0], args[1], sender(2))
    elif command == "add-row":
        add_row(args[0], args[1])
    elif command == "sent":
        sent(args[0])
    elif command == "figures":
        figures(args[0])
    else:
        sys.exit("unknown command " + command)

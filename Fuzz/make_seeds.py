#!/usr/bin/env python3
"""Writes fuzzing seeds from ../shared/corpus into Fuzz/corpus/ (gitignored: corpus files are used
by reference, never copied into this repository):
    corpus/sheet/    worksheet XML extracted from a few workbooks (ReaderFuzz)
    corpus/package/  a few small whole .xlsx files, copied as they are (PackageFuzz)
    corpus/csv/      small CSV texts: UTF-8 with BOM, Windows-1252, ';' ',' tab, quotes over lines (CSVFuzz)
    corpus/mime/     messages as Outlook, Gmail and Thunderbird write them, and odd ones (MIMEFuzz)
    python3 Fuzz/make_seeds.py"""
import os, shutil, zipfile

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, '..', '..', 'shared', 'corpus')
out = os.path.join(here, 'corpus')
for sub in ('sheet', 'package', 'csv', 'mime'):
    os.makedirs(os.path.join(out, sub), exist_ok=True)

for name in ['calamine/date.xlsx', 'calamine/issue_261.xlsx', 'calamine/richtext-namespaced.xlsx',
             'calamine/has_x000D_inline.xlsx', 'exceldatareader/Test_git_issue_324.xlsx', 'calamine/date_iso.xlsx']:
    with zipfile.ZipFile(os.path.join(corpus, name)) as z:
        sheets = [n for n in z.namelist() if 'worksheets/' in n.lower().replace('\\', '/') and n.endswith('.xml')]
        if sheets:
            with open(os.path.join(out, 'sheet', name.replace('/', '_') + '.xml'), 'wb') as f:
                f.write(z.read(sheets[0])[:20000])

# Whole packages: small ones from different producers (Excel, LibreOffice, Strict OOXML, inline
# strings, 1904 dates, shared strings with rich text) so mutations start from varied zips.
for name in ['calamine/date.xlsx', 'calamine/any_sheets.xlsx', 'calamine/date_1904.xlsx',
             'calamine/richtext-namespaced.xlsx', 'sheetjs/sheet_visibility_strict.xlsx',
             'calamine/has_x000D_inline.xlsx', 'calamine/errors.xlsx']:
    src = os.path.join(corpus, name)
    if os.path.exists(src) and os.path.getsize(src) <= 64 * 1024:
        shutil.copyfile(src, os.path.join(out, 'package', name.replace('/', '_')))

# A made one: a sheet declared Shift_JIS holding bytes Shift_JIS cannot convert (libxml2 reports
# that on its own error channel; the harness checks nothing reaches stderr).
M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
with zipfile.ZipFile(os.path.join(out, 'package', 'made_shift_jis.xlsx'), 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    z.writestr('_rels/.rels', f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<?xml version="1.0"?><workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="H" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', b'<?xml version="1.0" encoding="Shift_JIS"?><worksheet xmlns="' + M.encode()
               + b'"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\x82\xa0\x82\xff\x85</t></is></c></row></sheetData></worksheet>')

csv = {
    'utf8_bom_semicolon.csv': '\ufeffFecha;Cuenta;Nota\n01/02/2024;0012345678;"dice ""sí""; no"\n'.encode('utf-8'),
    'cp1252_comma.csv': 'Nombre,Área,Valor\nJosé,Señal,"1,5"\n'.encode('cp1252'),
    'tab_multiline.csv': b'a\tb\tc\n"uno\ndos"\t\t3\r\n\n',
    'open_quote.csv': b'a;b\n"sin cerrar;1\n',
}
for name, data in csv.items():
    with open(os.path.join(out, 'csv', name), 'wb') as f:
        f.write(data)
# Messages: Outlook's nesting and encoded-word names, a forwarded message, RFC 2231
# continuations, uuencode, an unclosed boundary, deep nesting (the attachments are tiny).
payload = bytes(range(256)) * 2
import base64 as b64
mime = {
    'outlook.eml': ('From: "Gestion" <g@claro.com.co>\r\nSubject: =?Windows-1252?Q?Base_=96_Bogot=E1?=\r\nMIME-Version: 1.0\r\n'
                    'Content-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n'
                    '--a\r\nContent-Type: text/plain; charset="Windows-1252"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBuenos d=EDas\r\n'
                    '--a--\r\n--m\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n\tname="=?iso-8859-1?Q?Bogot=E1.xlsx?="\r\n'
                    'Content-Disposition: attachment; filename="=?iso-8859-1?Q?Bogot=E1.xlsx?="\r\nContent-Transfer-Encoding: base64\r\n\r\n'
                    + b64.encodebytes(payload).decode() + '--m--\r\n').encode(),
    'forwarded_2231.eml': ('Subject: Fwd\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: message/rfc822\n\n'
                           'Subject: in\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: text/csv\n'
                           "Content-Disposition: attachment; filename*0*=UTF-8''Medell%C3%AD; filename*1*=n.csv\nContent-Transfer-Encoding: quoted-printable\n\n"
                           'a;b=3D\n1;2\n--i--\n--o--\n').encode(),
    'uuencode.eml': b'Subject: uu\nContent-Type: application/octet-stream; name=a.xlsx\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a.xlsx\n#86)C\n`\nend\n',
    'unclosed.eml': b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Disposition: attachment; filename=a.csv\r\nContent-Transfer-Encoding: base64\r\n\r\nYSxi\r\nYw',
    'deep.eml': b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n' + b''.join(b'--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n' % (i, i + 1) for i in range(60)) + b'--b60\nContent-Disposition: attachment; filename=x.csv\n\na\n',
}
for name, data in mime.items():
    with open(os.path.join(out, 'mime', name), 'wb') as f:
        f.write(data)
print(out)

"""Schemathesis hooks of the contract test (loaded through SCHEMATHESIS_HOOKS by run.sh).

Idempotency keys: a client sends a new Idempotency-Key with every new request; the generator draws keys from the
header's pattern and repeats them, and the gateway rightly answers a reused key with another
body 422. So a well-formed key is replaced by a fresh one; malformed keys are sent as generated,
to check they are refused.
"""
import io
import re
import uuid
import zipfile
from xml.sax.saxutils import escape

import schemathesis
from hypothesis import strategies as st

WELL_FORMED = re.compile(r'^"[\x20\x21\x23-\x5B\x5D-\x7E]{1,255}"$')


@schemathesis.hook
def map_headers(context, headers):
    if headers is not None:
        key = headers.get("Idempotency-Key")
        if isinstance(key, str) and WELL_FORMED.match(key):
            headers["Idempotency-Key"] = f'"{uuid.uuid4()}"'
    return headers


# Resume uploads are files whose bytes must be what their media type says (422 otherwise), which
# a schema of `format: binary` cannot state: generate real files of each accepted type.
def _docx(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:body></w:document>')
    return buffer.getvalue()


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200)
schemathesis.openapi.media_type("text/plain", _TEXT.map(lambda text: text.encode("utf-8")))
schemathesis.openapi.media_type("text/markdown", _TEXT.map(lambda text: f"# Resume\n\n{text}".encode("utf-8")))
schemathesis.openapi.media_type("application/pdf", _TEXT.map(lambda text: b"%PDF-1.4\n" + text.encode("utf-8")))
schemathesis.openapi.media_type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _TEXT.map(_docx))

"""Schemathesis hooks of the contract test (loaded through SCHEMATHESIS_HOOKS by run.sh).

Idempotency keys: a client sends a new Idempotency-Key with every new request; the generator draws keys from the
header's pattern and repeats them, and the gateway rightly answers a reused key with another
body 422. So a well-formed key is replaced by a fresh one; malformed keys are sent as generated,
to check they are refused.
"""
import io
import os
import re
import uuid
import zipfile
from xml.sax.saxutils import escape

import schemathesis
from hypothesis import strategies as st

# The gateway's keys are sf-strings (quoted); the services' internal routes take the saga-worker's bare keys.
QUOTED = re.compile(r'^"[\x20\x21\x23-\x5B\x5D-\x7E]{1,255}"$')
BARE = re.compile(r'^[\x21-\x7E]{1,255}$')


# A roadmap the platform has published (run.sh passes its slug). Stateful sequences start learners'
# enrollments in it, so the links from an enrollment (read it, change a skill, leave) are followed;
# a generated roadmap id names no roadmap and ends every such sequence at 404.
PUBLISHED_ROADMAP = os.environ.get("CONTRACT_ROADMAP")


def _stateful_positive(case):
    meta = case.meta
    return meta is not None and meta.phase.name == "stateful" and meta.generation.mode == "positive"


# Per case (map_case runs for every phase's cases; map_headers only for some generators).
@schemathesis.hook
def map_case(context, case):
    if PUBLISHED_ROADMAP and case.operation.label == "POST /v1/enrollments" and _stateful_positive(case) and isinstance(case.body, dict):
        case.body["roadmapId"] = PUBLISHED_ROADMAP
    headers = case.headers
    key = headers.get("Idempotency-Key") if headers else None
    if isinstance(key, str) and QUOTED.match(key):
        headers["Idempotency-Key"] = f'"{uuid.uuid4()}"'
    elif isinstance(key, str) and BARE.match(key):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return case


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


# Two rules of a skill's aliases that JSON Schema cannot state, so the document states them in
# words (the `aliases` description) and the catalog refuses them with 422: no two texts alike once
# case, spacing and hyphens are set aside (uniqueItems compares exactly), and a letter or digit in
# each (Unicode property classes are not portable across the pattern engines of OpenAPI tools).
# Generated bodies that break them are not valid requests, so they are not sent as such.
def _alias_key(text):
    return re.sub(r"\s+", " ", text.strip()).lower().replace("-", " ")


@schemathesis.hook
def filter_case(context, case):
    body = case.body
    aliases = body.get("aliases") if isinstance(body, dict) else None
    if not isinstance(aliases, list):
        return True
    texts = [alias["text"] for alias in aliases if isinstance(alias, dict) and isinstance(alias.get("text"), str)]
    keys = [_alias_key(text) for text in texts]
    return len(set(keys)) == len(keys) and all(any(char.isalnum() for char in text) for text in texts)

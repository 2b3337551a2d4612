"""MkDocs hook: a strict Content-Security-Policy ``<meta>`` on every page.

GitHub Pages sets no response headers, so the policy travels in the page itself, as the first
element after ``<meta charset>`` (a CSP ``<meta>`` only governs what comes after it). Scripts
run only from the site's own files, plus the theme's few constant inline scripts, each
allowed by its sha256 hash, computed from the page as built: no ``'unsafe-inline'``, no
``'unsafe-eval'``. The calculator's Pyodide runs in a same-origin worker file, which is not
bound by the page's ``<meta>`` policy (measured in Chromium: a blob: worker would inherit it), so the pages
need no wasm permission.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts: no src attribute and no data type (application/json is not run).
_INLINE = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)

POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def policy_for(html: str) -> str:
    hashes = []
    for m in _INLINE.finditer(html):
        attrs = m.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs) or _DATA_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        token = f" 'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return POLICY.format(hashes="".join(hashes))


def with_policy(html: str) -> str:
    """The page with its policy inserted right after ``<meta charset>``; fails loudly if it has none."""
    m = CHARSET.search(html)
    if m is None:
        raise ValueError("page has no <meta charset=utf-8> to put the Content-Security-Policy after")
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[:m.end()] + meta + html[m.end():]


def on_post_page(output, page, config):
    return with_policy(output)


def on_post_template(output_content, template_name, config):
    return with_policy(output_content) if template_name.endswith(".html") else output_content

"""URLs: publisher domains and canonical forms used for ids."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track clicks and never change which article a URL names.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref")


def url_problem(url: str) -> str | None:
    """Return why `url` cannot be parsed (a bad IPv6 host, a port out of range), or None."""
    try:
        urlsplit(url.strip()).port  # noqa: B018 - reading the port is what validates it
    except ValueError as err:
        return str(err)
    return None


def domain_of(url: str) -> str:
    """Return the host of `url` without a leading 'www.', or '' when there is none."""
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


def canonical_url(url: str) -> str:
    """Return `url` with scheme and host lowercased, tracking parameters and fragment dropped."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAMS)
    ]
    host = (parts.hostname or "").removeprefix("www.")
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(
        (
            "https" if parts.scheme in ("http", "https") else parts.scheme,
            netloc,
            path,
            urlencode(query),
            "",
        )
    )

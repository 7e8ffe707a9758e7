"""Defuse an XML document before a lenient parser reads it: no external entities, no bombs."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from storyline.errors import ExtractionError

# libxml2's own limits stop entity bombs (billion laughs, quadratic blow-up) and absurd
# depth; huge_tree=False keeps them on. These are the errors they raise.
_LIMITS = frozenset(
    {
        etree.ErrorTypes.ERR_ENTITY_LOOP,
        etree.ErrorTypes.ERR_RESOURCE_LIMIT,
    }
)
_LIMIT_WORDS = ("amplification", "entity reference loop", "excessive depth", "huge")
ENTITY_BOMB = "XML entity expansion beyond the parser's limits (an entity bomb); refused"


def _parser(resolve: bool | str) -> etree.XMLParser:
    # Nothing is fetched (no_network, no DTD loaded) and no limit is lifted (huge_tree).
    return etree.XMLParser(
        resolve_entities=resolve, no_network=True, load_dtd=False, huge_tree=False
    )


def defused(data: bytes) -> bytes:
    """Return `data` with its DTD gone: internal entities expanded, external ones dropped.

    A document with no DTD comes back unchanged, and so does one that is not well-formed
    XML (a lenient parser reads it, and finds no entity declarations it would resolve: see
    docs/formats.md). Raises ExtractionError for a document whose entities expand past
    libxml2's limits, whatever its encoding (the parser decodes before it looks).
    """
    try:
        root = etree.fromstring(data, _parser(False))
    except etree.XMLSyntaxError as err:
        _refuse_if_bomb(err)
        return data
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return data
    internal = {e.name: e.orig for e in dtd.iterentities() if e.orig is not None}
    for ref in list(root.iter(etree.Entity)):
        if ref.name not in internal:  # external (SYSTEM/PUBLIC) or undeclared: never fetched
            _remove_keeping_tail(ref)
    if internal:
        # Parse again with only the internal declarations, which libxml2 expands within
        # its limits; references to external ones are gone from the body by now.
        subset = "".join(f"<!ENTITY {name} {_quoted(value)}>" for name, value in internal.items())
        body = etree.tostring(root, encoding="unicode")
        try:
            root = etree.fromstring(f"<!DOCTYPE d [{subset}]>{body}".encode(), _parser("internal"))
        except etree.XMLSyntaxError as err:
            _refuse_if_bomb(err)
            raise ExtractionError(f"XML entities do not expand to XML: {_first_line(err)}") from err
    result: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return result


def _refuse_if_bomb(err: etree.XMLSyntaxError) -> None:
    message = str(err).lower()
    if err.code in _LIMITS or any(word in message for word in _LIMIT_WORDS):
        raise ExtractionError(ENTITY_BOMB) from err


def _remove_keeping_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _quoted(value: str) -> str:
    return f"'{value}'" if '"' in value else f'"{value}"'


def _first_line(err: Exception) -> str:
    return (str(err).splitlines() or [""])[0]

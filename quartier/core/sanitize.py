"""The one sanitiser for every rich-text field (nh3, i.e. the Ammonia crate)."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def clean_html(value: str, anchors: frozenset[str] = frozenset()) -> str:
    """Return `value` with every tag, attribute and URL scheme not on the list removed.

    Links get rel="noopener noreferrer nofollow" so user content can neither pass on
    our ranking nor reach back into the page that opened it. `anchors`: the only
    values an `id` of h2/h3 may take (e.g. the privacy notice's sections); any other
    id is removed, so content cannot clobber the page's own ids.
    """
    allowed_ids = {"id": set(anchors)} if anchors else {}
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
        tag_attribute_values={"h2": allowed_ids, "h3": allowed_ids}
        if anchors
        else None,
    )

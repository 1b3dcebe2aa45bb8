"""One field added to posts, the way any plugin declares its fields."""

from shelfcast_sitekit.schema import Field

EXTENSIONS = {"post": (Field("reading_age", "enum", required=True, allowed=("0-6", "7-12"),
                             default="7-12",
                             help={"en": "Who the post is for.", "da": "Hvem indlægget er til.",
                                   "sv": "Vem inlägget är till för."}),)}

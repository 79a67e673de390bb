"""Column lists of the standard formats, in file order. Meanings: docs/exports.md."""

from __future__ import annotations


def _actor(n: int) -> list[str]:
    return [
        f"Actor{n}{part}"
        for part in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ]


def _geo(prefix: str) -> list[str]:
    return [
        f"{prefix}_{part}"
        for part in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ]


# The GDELT 2.0 Event table (GDELT Event Codebook V2.0): 61 tab-separated columns, no header.
GDELT_EVENT_COLUMNS: list[str] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *_actor(1),
    *_actor(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_geo("Actor1Geo"),
    *_geo("Actor2Geo"),
    *_geo("ActionGeo"),
    "DATEADDED",
    "SOURCEURL",
]

# The GDELT 2.0 Mentions table: 16 tab-separated columns, no header.
GDELT_MENTION_COLUMNS: list[str] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]

# The ICEWS coded event data files (Harvard Dataverse): 20 tab-separated columns with a header.
ICEWS_COLUMNS: list[str] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]

# PLOVER JSON (PLOVER manual, "JSON Data Fields"): the top-level keys we write, in order.
PLOVER_FIELDS: list[str] = [
    "id",
    "date",
    "enddate",
    "source",
    "recipient",
    "event",
    "mode",
    "context",
    "quad_code",
    "event_scale",
    "event_loc",
    "event_text",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "cameo",
    "negated",
    "modality",
    "confidence",
    "date_precision",
    "date_expression",
    "num_mentions",
    "num_sources",
    "num_articles",
]

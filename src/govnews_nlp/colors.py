"""displaCy colours for govnews-nlp labels (entry point ``spacy_displacy_colors``)."""

DISPLACY_COLORS = {
    "PERSON": "#aa9cfc",
    "JOURNALIST": "#c7d2fe",
    "TITLE": "#fde68a",
    "CAPACITY": "#7aecec",
    "INVESTMENT": "#bfeeb7",
    "PROJECT": "#feca74",
    "SLOGAN": "#ff9561",
}

"""Tolerances, in PDF points or as shares of a page or a line's height: how close words are to
be on one line, borders to be one border, an underline to its words, the parts of a table cut by
a page break to each other, and the columns of a borderless table."""

WORD_GAP = 3.0  # characters this close are one word, tops this close one line (pdfplumber's tolerances)
LINE_OVERLAP = 0.6  # words on one line share this much of the smaller one's height
SNAP = 2.0  # cell borders closer than this are one border
UNDERLINE_BELOW = (-1.0, 2.5)  # an underline runs this far below the bottom of the words above it
UNDERLINE_COVER = 0.8  # ... and the words cover this share of it; a cell border is mostly bare
JOIN_EDGE = 4.0  # parts of one table across a page break have their sides this close
PAGE_BOTTOM, PAGE_TOP = 0.7, 0.3  # a part ends below / starts above this share of the page height
COLUMN_GAP = 1.5  # in a borderless table, columns are apart by this many character heights
ALIGNED_ROWS = 3  # a borderless table has at least this many rows of figures ...
ALIGNED_COLUMNS = 3  # ... in at least this many columns

"""The managers' daily digest: figures by SQL over the store, a chart, a text and HTML email."""

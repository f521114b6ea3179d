"""Text: cleaning, dates, language, translations, segmentation and parsing."""

"""multivector: who does and says what to whom in international-relations news, with evidence."""

__version__ = "0.1.0"

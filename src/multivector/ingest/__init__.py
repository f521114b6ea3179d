"""multivector.ingest"""

"""multivector.text"""

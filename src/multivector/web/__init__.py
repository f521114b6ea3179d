"""multivector.web"""

"""Admission of a city: the applicant's form and letter, the office's review pages."""

"""What-ifs of one case: values changed by field path, checked by the case's own rules, projected
at once (:mod:`model.whatif.session`), described as controls (:mod:`model.whatif.controls`) and
saved as a new case version (:mod:`model.whatif.versions`)."""

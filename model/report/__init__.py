"""The committee pack: a Word report (and its PDF) per council and per case, built from the model's
own words, tables and charts (:mod:`model.report.contents`), written in a council's template
(:mod:`model.report.word`) and converted by LibreOffice (:mod:`model.report.pdf`)."""

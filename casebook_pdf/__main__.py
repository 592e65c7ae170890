from casebook_pdf.cli import run

run()

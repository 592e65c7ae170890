from casebook_pdf.command import run

run()

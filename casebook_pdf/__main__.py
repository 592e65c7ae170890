from casebook_pdf.cli import main

main()

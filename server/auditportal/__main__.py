from auditportal.cli import main

main()

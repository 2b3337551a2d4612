"""MkDocs hooks: generate the bilingual policy pages and the calculator assets from rules/."""

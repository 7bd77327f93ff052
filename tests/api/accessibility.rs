//! The accessibility statement: there in three languages, linked from every
//! page's footer.

use crate::helpers::TestApp;

crate::on_both_backends!(accessibility_statement_is_there_in_three_languages, every_page_links_the_statement,);

async fn accessibility_statement_is_there_in_three_languages(app: TestApp) {
    for (lang, title, standard) in [
        ("nb", "Tilgjengelighetserklæring", "WCAG 2.1 på nivå A og AA"),
        ("nn", "Tilgjengelegheitserklæring", "WCAG 2.1 på nivå A og AA"),
        ("en", "Accessibility statement", "WCAG 2.1 at levels A and AA"),
    ] {
        let page = app.get_with("/tilgjengelighet", &[("Cookie", &format!("lang={lang}"))]).await;
        assert_eq!(page.status, 200, "{lang}");
        assert!(page.body.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        assert!(page.body.contains(&format!("<h1>{title}</h1>")), "{lang}: {}", page.body);
        assert!(page.body.contains(standard), "{lang}: the standard");
        // How to give feedback: the configured address.
        let email = &app.settings.contact_email;
        assert!(page.body.contains(&format!("href=\"mailto:{email}\"")), "{lang}: feedback address");
    }
}

async fn every_page_links_the_statement(app: TestApp) {
    app.load_demo();
    for path in ["/", "/tilgjengelighet", "/finnes-ikke"] {
        let page = app.get(path).await;
        let footer = page.body.split("<footer").nth(1).unwrap_or_else(|| panic!("{path} has no footer"));
        assert!(footer.contains("<a href=\"/tilgjengelighet\">Tilgjengelighetserklæring</a>"), "{path}: {footer}");
    }
}

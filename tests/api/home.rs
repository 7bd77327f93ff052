//! The home page and the language switcher.

use crate::helpers::TestApp;

crate::on_both_backends!(
    home_page_says_so_when_there_are_no_plans,
    home_page_lists_the_demo_plan_with_its_stage,
    language_switcher_remembers_the_choice,
    language_switcher_is_no_open_redirect,
);

async fn home_page_says_so_when_there_are_no_plans(app: TestApp) {
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Det er ingen temaplaner her ennå."), "{}", home.body);
    assert!(!home.body.contains("plan-card"));
}

async fn home_page_lists_the_demo_plan_with_its_stage(app: TestApp) {
    app.load_demo();
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Temaplan for digitalisering og smart teknologi"));
    assert!(home.body.contains("href=\"/planer/digitalisering-og-smart-teknologi\""));
    assert!(home.body.contains("Fase: Kunnskapsgrunnlag"), "{}", home.body);
    // Landmarks and the skip link are on every page.
    for needle in ["<main id=\"main\"", "class=\"skip-link\" href=\"#main\"", "<header", "<footer", "<nav"] {
        assert!(home.body.contains(needle), "missing {needle}");
    }
    let en = app.get_with("/", &[("Accept-Language", "en")]).await;
    assert!(en.body.contains("Stage: Knowledge base"));
}

async fn language_switcher_remembers_the_choice(app: TestApp) {
    let switch = app.get("/sprak/nn?tilbake=%2Fplaner%2Fx%3Fa%3D1").await;
    assert_eq!(switch.status, 303);
    assert_eq!(switch.header("location"), "/planer/x?a=1");
    let cookie = switch.header("set-cookie");
    assert!(cookie.starts_with("lang=nn") && cookie.contains("Path=/"), "{cookie}");
    // The cookie beats the browser's Accept-Language.
    let home = app.get_with("/", &[("Cookie", "lang=nn"), ("Accept-Language", "en")]).await;
    assert!(home.body.contains("<html lang=\"nn\">") && home.body.contains("Temaplanar"));
    assert_eq!(app.get("/sprak/xx").await.status, 404, "unknown language");
}

async fn language_switcher_is_no_open_redirect(app: TestApp) {
    for target in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let switch = app.get(&format!("/sprak/en?tilbake={target}")).await;
        assert_eq!(switch.header("location"), "/", "{target}");
    }
}

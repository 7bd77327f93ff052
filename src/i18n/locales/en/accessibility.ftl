# The accessibility statement (tilgjengelighetserklæring) and its footer link.

footer-accessibility = Accessibility statement

a11y-title = Accessibility statement
a11y-intro = { $municipality } wants everyone to be able to use Temaplan, whatever their abilities. This statement covers the whole site.
a11y-standard-heading = The standard we follow
a11y-standard-text = The site is to meet WCAG 2.1 at levels A and AA, as the Norwegian regulation on universal design of ICT requires.
a11y-testing-heading = How we test
a11y-testing-axe = Every page is tested automatically at every change in a real browser with axe-core, at phone and desktop width, in Bokmål, Nynorsk and English.
a11y-testing-html = The HTML of every page is checked with the Nu HTML Checker.
a11y-testing-links = Every link is checked, and every form is also tried with empty fields, so that its error messages are tested.
a11y-testing-keyboard = We try the site with the keyboard only: every button, link and field is reached with Tab, and you can always see where you are.
a11y-testing-no-script = Every page works without JavaScript.
a11y-gaps-heading = Known gaps
a11y-gaps-automatic = Automatic tests do not find every problem. The site has not yet been tried by users of screen readers or other assistive technology.
a11y-gaps-attachments = Documents the municipality uploads, such as case papers in PDF, may not be adapted for screen readers.
a11y-gaps-history = Content taken from older plans may have images and tables without a text alternative.
a11y-feedback-heading = Give feedback
a11y-feedback-text = Is there something on the site you cannot use, or do you have a suggestion? Write to us, and we will answer as soon as we can:
a11y-feedback-authority = If you get no answer, or are not satisfied with it, you can report it to
a11y-feedback-authority-link = the Norwegian Authority for Universal Design of ICT (Tilsynet for universell utforming av IKT)

org-number-error-length = An organisation number has nine digits, for example 974 760 673.
org-number-error-digits = An organisation number has digits only, for example 974 760 673.
org-number-error-check = This organisation number does not exist: its check digit does not match. Check that it is typed correctly.
routing-error-no-condition = Choose a plan, a theme or a category: a rule without a condition would catch every submission.
submission-error-category = Choose whom you are answering as.
submission-error-organisation-name = Write the name of the organisation or business.
submission-error-theme = Choose among the themes in the list.
submission-error-empty = Write your submission, answer one of the questions or attach a file.

org-number-error-length = An organisation number has nine digits, for example 974 760 673.
org-number-error-digits = An organisation number has digits only, for example 974 760 673.
org-number-error-check = This organisation number does not exist: its check digit does not match. Check that it is typed correctly.
routing-error-no-condition = Choose a plan, a theme or a category: a rule without a condition would catch every submission.

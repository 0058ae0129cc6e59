"""The directory as Open Referral HSDS 3.0: the read API under /<slug>/hsds/ and the import of HSDS JSON and CSV."""

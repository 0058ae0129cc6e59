"""The Spannungsfelder-Kompass: where the neighbourhood is and should be between the poles of each tension field, per perspective and round."""

"""Micro-grant funds (Verfügungsfonds): calls, applications with cost plans, the jury, decisions, payouts and proofs of use; the budget can never be overspent."""

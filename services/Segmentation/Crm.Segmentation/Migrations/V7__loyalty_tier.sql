-- The customer's loyalty tier, followed from the loyalty service's TierChanged events, for rules and portraits.
alter table customer_facts add column loyalty_tier text;

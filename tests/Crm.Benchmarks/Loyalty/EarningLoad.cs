using Crm.Contracts.Customers;

namespace Crm.Benchmarks.Loyalty;

/// <summary>What the benchmark sends loyalty, in order, and how much business it is: its transaction lines, sales and returns.</summary>
public sealed record EarningLoad(RecordedTransaction[] Transactions, int Lines, int Sales, int Returns);

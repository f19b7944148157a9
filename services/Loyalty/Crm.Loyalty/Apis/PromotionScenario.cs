using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Apis;

/// <summary>
/// A proposed promotion (an earn rule) replayed over past purchases from <see cref="From"/> to <see cref="To"/>
/// (default: the promotion's own length, ending now); <see cref="CostPerPoint"/> defaults to the plan's.
/// </summary>
public sealed record PromotionScenario(EarnRuleRequest? Promotion, DateTimeOffset? From, DateTimeOffset? To, decimal? CostPerPoint);

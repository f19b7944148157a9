namespace Crm.Segmentation.Data;

/// <summary>Where a running job is; a finished job keeps the last phase it reached (where it failed, if it did).</summary>
public static class RecomputeJobPhase
{
    /// <summary>RFM quintiles and lifetime-value deciles measured over the population, current memberships read.</summary>
    public const string Measuring = "measuring";

    /// <summary>Every segment evaluated over the customers, a page at a time.</summary>
    public const string Evaluating = "evaluating";
}

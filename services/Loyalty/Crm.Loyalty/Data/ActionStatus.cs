namespace Crm.Loyalty.Data;

public enum ActionStatus
{
    Done,
    Repeated,
    NoAccount,
    Insufficient,
    KeyReused,
}

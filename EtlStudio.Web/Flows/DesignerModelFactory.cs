namespace EtlStudio.Web.Flows;

/// <summary>Creates a <see cref="DesignerModel"/> for a new or stored flow.</summary>
internal sealed class DesignerModelFactory(DesignerData data, FlowService flows, DesignerPreview preview)
{
    public async Task<DesignerModel?> CreateAsync(int? flowId, CancellationToken cancellationToken)
    {
        var draft = flowId is { } id ? await data.FindAsync(id, cancellationToken) : new FlowDraft();
        if (draft is null) return null;
        var (groups, connections) = await data.ChoicesAsync(cancellationToken);
        if (flowId is null && groups.Count == 1) draft.Form.GroupId = groups[0].Id;
        return new DesignerModel(flows, preview, draft, groups, connections);
    }
}

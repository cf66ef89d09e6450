"""EC2, Auto Scaling and EMR part of generate.py (same inputs, same output format)."""


def main(data, g):
    resource = g.resource
    EC2, ASG, LC, EMR, IAM = g.EC2, g.ASG, g.LC, g.EMR, g.IAM

    def profile_role(member):
        return resource('role', IAM + 'role${Path}${RoleName}', True,
                        serverSupplied={'RoleName': 'the role in the instance profile ' + member + ' names',
                                        'Path': 'that role\'s path'})

    def pass_role(member, when, service):
        return {'action': 'iam:PassRole', 'whenMember': member, 'when': when,
                'resources': [profile_role(member)],
                'conditionKeys': [{'key': 'iam:PassedToService', 'from': 'context', 'value': service},
                                  {'key': 'iam:AssociatedResourceArn', 'from': 'context'}]}

    def create_tags(member, rtypes):
        return {'action': 'ec2:CreateTags', 'whenMember': member, 'when': member + ' is not empty',
                'resources': [resource(t, a, True) for t, a in rtypes],
                'conditionKeys': [{'key': 'ec2:CreateAction', 'from': 'context', 'value': None},
                                  {'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': member},
                                  {'key': 'aws:TagKeys', 'from': 'request', 'member': member}]}

    # ---------------- EC2
    ec2 = g.load_model('ec2')
    instance_ids = resource('instance', EC2 + 'instance/${InstanceIds}', True)
    launch_template = resource('launch-template', EC2 + 'launch-template/${LaunchTemplateId}', True,
                               serverSupplied={'LaunchTemplateId': 'LaunchTemplateId, or the id of LaunchTemplateName'})
    association_instance = resource('instance', EC2 + 'instance/${InstanceId}', True,
                                    serverSupplied={'InstanceId': 'the instance of association AssociationId'})
    ec2_resources = {
        'RunInstances': [
            resource('image', 'arn:${Partition}:ec2:${Region}::image/${ImageId}', True),
            resource('instance', EC2 + 'instance/*', True),
            resource('network-interface', EC2 + 'network-interface/*', True),
            resource('security-group', EC2 + 'security-group/${SecurityGroupIds}', True,
                     serverSupplied={'SecurityGroupIds': 'SecurityGroupIds (and NetworkInterfaces.Groups), else the default security group of the VPC'}),
            resource('subnet', EC2 + 'subnet/${SubnetId}', True,
                     serverSupplied={'SubnetId': 'SubnetId (or NetworkInterfaces.SubnetId), else the default subnet of the availability zone'}),
            resource('volume', EC2 + 'volume/*', False),
            resource('key-pair', EC2 + 'key-pair/${KeyName}', False),
            resource('launch-template', EC2 + 'launch-template/${LaunchTemplate.LaunchTemplateId}', False,
                     serverSupplied={'LaunchTemplate.LaunchTemplateId': 'LaunchTemplate.LaunchTemplateId, or the id of LaunchTemplate.LaunchTemplateName'}),
            resource('placement-group', EC2 + 'placement-group/${Placement.GroupName}', False),
            resource('snapshot', 'arn:${Partition}:ec2:${Region}::snapshot/${BlockDeviceMappings.Ebs.SnapshotId}', False),
        ],
        'StartInstances': [instance_ids], 'StopInstances': [instance_ids], 'TerminateInstances': [instance_ids],
        'RebootInstances': [instance_ids],
        'AssociateIamInstanceProfile': [resource('instance', EC2 + 'instance/${InstanceId}', True)],
        'DisassociateIamInstanceProfile': [association_instance],
        'ReplaceIamInstanceProfileAssociation': [association_instance],
        'CreateLaunchTemplate': [resource('launch-template', EC2 + 'launch-template/*', True)],
        'CreateLaunchTemplateVersion': [launch_template], 'DeleteLaunchTemplate': [launch_template],
        'ModifyLaunchTemplate': [launch_template],
        'CreateTags': [resource('*', EC2 + '${ResourceType}/${Resources}', True,
                                serverSupplied={'ResourceType': 'the resource type the id prefix names (i- instance, lt- launch-template, ami- image, ...); images and snapshots have no account'})],
        'DeleteTags': [resource('*', EC2 + '${ResourceType}/${Resources}', True,
                                serverSupplied={'ResourceType': 'the resource type the id prefix names (i- instance, lt- launch-template, ami- image, ...); images and snapshots have no account'})],
    }

    def ec2_res(op, ref, ms):
        return ec2_resources.get(op, [])

    def ec2_additional(op, ms):
        extra = []
        if op == 'RunInstances':
            extra.append(pass_role('IamInstanceProfile', 'IamInstanceProfile is present (or the launch template names one)', 'ec2.amazonaws.com'))
            extra.append(create_tags('TagSpecifications', [('instance', EC2 + 'instance/*'), ('volume', EC2 + 'volume/*'),
                                                           ('network-interface', EC2 + 'network-interface/*')]))
        if op in ('AssociateIamInstanceProfile', 'ReplaceIamInstanceProfileAssociation'):
            extra.append(pass_role('IamInstanceProfile', 'always: the profile\'s role is passed to EC2', 'ec2.amazonaws.com'))
        if op == 'CreateLaunchTemplate':
            extra.append(create_tags('TagSpecifications', [('launch-template', EC2 + 'launch-template/*')]))
        return extra

    g.generate('ec2', 'ec2', ec2, g.EC2_OPERATIONS, data, ec2_res, ec2_additional, {})

    # ---------------- Auto Scaling
    asg = g.load_model('autoscaling')
    group = resource('autoScalingGroup', ASG + '${AutoScalingGroupName}', True)
    by_instance = resource('autoScalingGroup', ASG + '${AutoScalingGroupName}', True,
                           serverSupplied={'AutoScalingGroupName': 'the group InstanceId belongs to'})
    by_tags = resource('autoScalingGroup', ASG + '${Tags.ResourceId}', True)

    def asg_res(op, ref, ms):
        if not ref['resourceTypes']:
            return []
        if any(rt['name'] == 'launchConfiguration' for rt in ref['resourceTypes']):
            return [resource('launchConfiguration', LC + '${LaunchConfigurationName}', True)]
        if 'AutoScalingGroupName' in ms:
            return [group]
        if op in ('CreateOrUpdateTags', 'DeleteTags'):
            return [by_tags]
        return [by_instance]

    def asg_additional(op, ms):
        extra = []
        if op == 'CreateLaunchConfiguration':
            extra.append(pass_role('IamInstanceProfile', 'IamInstanceProfile is present', 'ec2.amazonaws.com'))
        if op in ('CreateAutoScalingGroup', 'UpdateAutoScalingGroup'):
            lt = resource('launch-template', EC2 + 'launch-template/${LaunchTemplate.LaunchTemplateId}', True,
                          serverSupplied={'LaunchTemplate.LaunchTemplateId': 'LaunchTemplate.LaunchTemplateId, or the id of LaunchTemplate.LaunchTemplateName (also MixedInstancesPolicy.LaunchTemplate)'})
            extra.append({'action': 'ec2:RunInstances', 'whenMember': 'LaunchTemplate',
                          'when': 'LaunchTemplate or MixedInstancesPolicy is present',
                          'resources': [lt], 'conditionKeys': []})
            p = pass_role('LaunchTemplate', 'the launch template (LaunchTemplate or MixedInstancesPolicy) or launch configuration (LaunchConfigurationName) names an instance profile', 'ec2.amazonaws.com')
            p['resources'] = [resource('role', IAM + 'role${Path}${RoleName}', True,
                                       serverSupplied={'RoleName': 'the role of the instance profile in the launch template or launch configuration',
                                                       'Path': 'that role\'s path'})]
            extra.append(p)
            extra.append({'action': 'iam:PassRole', 'whenMember': 'ServiceLinkedRoleARN', 'when': 'ServiceLinkedRoleARN is present',
                          'resources': [resource('role', '${ServiceLinkedRoleARN}', True)],
                          'conditionKeys': [{'key': 'iam:PassedToService', 'from': 'context', 'value': 'autoscaling.amazonaws.com'}]})
        if op == 'CreateAutoScalingGroup':
            extra.append({'action': 'autoscaling:CreateOrUpdateTags', 'whenMember': 'Tags', 'when': 'Tags is not empty',
                          'resources': [group],
                          'conditionKeys': [{'key': 'aws:RequestTag/${TagKey}', 'from': 'request', 'member': 'Tags'},
                                            {'key': 'aws:TagKeys', 'from': 'request', 'member': 'Tags'}]})
        return extra

    g.generate('autoscaling', 'autoscaling', asg, list(asg['operations']), data, asg_res, asg_additional, {})

    # ---------------- EMR
    emr = g.load_model('elasticmapreduce')

    def emr_res(op, ref, ms):
        if not ref['resourceTypes']:
            return []
        for member in ('ClusterId', 'JobFlowId', 'JobFlowIds'):
            if member in ms:
                return [resource('cluster', EMR + '${' + member + '}', True)]
        if 'ResourceId' in ms:
            return [resource('cluster', EMR + '${ResourceId}', True)]
        raise ValueError(op)

    def emr_role(member, kind):
        return resource('role', IAM + 'role${Path}${RoleName}', True,
                        serverSupplied={'RoleName': member + ' (' + kind + ')', 'Path': 'that role\'s path'})

    def emr_additional(op, ms):
        extra = []
        if op == 'RunJobFlow':
            for member, kind, service in (
                    ('ServiceRole', 'a role name or ARN', 'elasticmapreduce.amazonaws.com'),
                    ('JobFlowRole', 'an instance profile name: its role', 'ec2.amazonaws.com'),
                    ('AutoScalingRole', 'a role name or ARN', 'application-autoscaling.amazonaws.com')):
                extra.append({'action': 'iam:PassRole', 'whenMember': member, 'when': member + ' is present',
                              'resources': [emr_role(member, kind)],
                              'conditionKeys': [{'key': 'iam:PassedToService', 'from': 'context', 'value': service}]})
        if op == 'AddJobFlowSteps':
            extra.append({'action': 'iam:PassRole', 'whenMember': 'ExecutionRoleArn', 'when': 'ExecutionRoleArn is present',
                          'resources': [resource('role', '${ExecutionRoleArn}', True)],
                          'conditionKeys': [{'key': 'iam:PassedToService', 'from': 'context', 'value': 'elasticmapreduce.amazonaws.com'}]})
        return extra

    g.generate('elasticmapreduce', 'elasticmapreduce', emr, g.EMR_OPERATIONS, data, emr_res, emr_additional, {})

import type { AreaMessages } from "../i18n";

export const messages: AreaMessages = {
  "zh-CN": {
    menu: { myWork: "我的工作", newForm: "填写表单" },
    task: "任务",
    newForm: { title: "填写表单", subtitle: "为客户填写检查表、信用评估等表单" },
    category: {
      INSPECTION_CHECKLIST: "检查清单",
      SURVEY: "调查问卷",
      COMPLAINT: "投诉",
      TRAINING_RECORD: "培训记录",
      CREDIT_ASSESSMENT: "信用评估",
      CUSTOM: "其他",
    },
    myWork: {
      title: "我的工作",
      subtitle: "指派给您的任务，逾期和即将到期的排在前面",
      overdueOnly: "只看逾期",
      empty: "目前没有指派给您的工作。",
      total: "共 {{count}} 项",
      kindFilter: "类型",
    },
    kind: { ALL: "全部", TASK: "任务", INSPECTION: "计划检查", FOLLOW_UP: "跟进", REVIEW: "审核" },
    column: { title: "事项", kind: "类型", customer: "客户", state: "状态", due: "截止", overdue: "逾期" },
    overdue: "已逾期",
    noDue: "无截止日期",
  },
  en: {
    menu: { myWork: "My work", newForm: "Fill in a form" },
    task: "Task",
    newForm: { title: "Fill in a form", subtitle: "Checklists, credit assessments and other forms for a customer" },
    category: {
      INSPECTION_CHECKLIST: "Checklist",
      SURVEY: "Survey",
      COMPLAINT: "Complaint",
      TRAINING_RECORD: "Training record",
      CREDIT_ASSESSMENT: "Credit assessment",
      CUSTOM: "Other",
    },
    myWork: {
      title: "My work",
      subtitle: "Work assigned to you, overdue and soonest due first",
      overdueOnly: "Overdue only",
      empty: "Nothing is assigned to you right now.",
      total: "{{count}} items",
      kindFilter: "Kind",
    },
    kind: { ALL: "All", TASK: "Task", INSPECTION: "Inspection", FOLLOW_UP: "Follow-up", REVIEW: "Review" },
    column: { title: "Item", kind: "Kind", customer: "Customer", state: "State", due: "Due", overdue: "Overdue" },
    overdue: "Overdue",
    noDue: "No due date",
  },
};

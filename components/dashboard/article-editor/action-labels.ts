import type { ArticleAction } from '@/lib/articles/decide-transition';

/** The workflow button of each action, as the editor shows it (and as e2e specs find it). */
export const ACTION_LABEL: Record<ArticleAction, string> = {
  submit: 'Submit for review',
  withdraw: 'Withdraw from review',
  return: 'Return to writer',
  publish: 'Publish now',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  archive: 'Archive',
  unarchive: 'Unarchive',
  trash: 'Move to trash',
  restore: 'Restore from trash',
};

/** The actions drawn as the panel's primary (filled) buttons. */
export const PRIMARY_ACTIONS: readonly ArticleAction[] = ['submit', 'publish'];
